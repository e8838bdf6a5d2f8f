import pytest

from guomen.declarations.tests.conftest import world  # noqa: F401  (the intake world)


@pytest.fixture
def mailbox(settings):
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


@pytest.fixture
def ent(world):  # noqa: F811
    user = world["enterprise_user"]
    user.email = "declarant@example.com"
    user.save(update_fields=["email"])
    return user
