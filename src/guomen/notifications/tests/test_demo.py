"""The demo enterprise opens its inbox to a few new notifications about its own consignments, a hold among them when it has one."""

import pytest
from django.db.models import Q

from guomen.accounts.models import User
from guomen.declarations.models import Declaration
from guomen.demo.tests.conftest import seeded  # noqa: F401
from guomen.notifications.choices import Kind
from guomen.notifications.models import Notification


@pytest.mark.django_db
def test_the_demo_enterprise_has_a_few_unread_notifications(seeded):  # noqa: F811
    user = User.objects.get(username="enterprise_demo")
    unread = Notification.objects.filter(recipient=user, read_at=None)
    assert 1 <= unread.count() <= 5
    assert unread.filter(kind__in=[Kind.DECLARATION_HELD, Kind.DECLARATION_RELEASED]).exists()
    assert user.email
    numbers = {
        n.params.get("number") for n in Notification.objects.filter(recipient=user) if n.params.get("number")
    }
    mine = Declaration.objects.filter(Q(declarant=user.enterprise) | Q(consignee=user.enterprise))
    owned = set(mine.filter(number__in=numbers).values_list("number", flat=True))
    assert numbers == owned
