from guomen.clearance.tests.conftest import requirement  # noqa: F401
from guomen.declarations.tests.conftest import world  # noqa: F401  (the intake world)
