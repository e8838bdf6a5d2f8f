import pytest

from guomen.reports.kpis import foreign_notification_rates
from guomen.reports.periods import Period
from guomen.reports.scope import build_filter
from guomen.tracebacks import services

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_confirmed_notifications_over_export_consignments(exporters, notify, analyst, supervisor, gz_analyst):
    confirmed = notify(ref="1", numbers="EXWJD0000000001")
    notify(ref="2")  # pending: not counted
    services.match_confirm(
        notification=confirmed, candidate=confirmed.candidates.get(enterprise=exporters["wjd"]), actor=analyst
    )
    period = Period.of(TODAY - __import__("datetime").timedelta(days=2))
    rate = foreign_notification_rates(build_filter(supervisor, {"period": period.key}))[0]
    assert rate.numerator == 1
    sz_exports = [d for d in exporters["decls"].values() if d.port.path.startswith("/GACC/SZ/")]
    assert rate.denominator == sum(1 for d in sz_exports if Period.of(d.arrival_date) == period)
    gz = foreign_notification_rates(build_filter(gz_analyst, {"period": period.key}))[0]
    assert gz.numerator == 0
