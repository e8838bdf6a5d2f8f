from guomen.declarations.tests.conftest import world  # noqa: F401  (the same small bureau)
