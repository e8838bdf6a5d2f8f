import datetime as dt

import pytest

from guomen.accounts.choices import Role
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.risk.models import RiskSignal
from guomen.supervision.models import StandingChange

from .factories import consignment, fruit_and_meat, inspection, pest

SEP = dt.date(2026, 9, 10)
AUG = dt.date(2026, 8, 5)
SEP_LAST_YEAR = dt.date(2025, 9, 15)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(orgs):
    """Hand-counted records. In 深圳局 (SZ: WJD + HG), September 2026:
    - 5 inspections with a result: 2 non-conforming (WJD, fruit fly; HG, meat from BR), 3 conforming
      (one of them drawn at random); 1 task still open; 1 cancelled non-conforming task (left out)
    - detection rate 2/5 = 40.00%; August 2026: 1/2 = 50.00%; September 2025: 0/4 = 0.00%
    - 3 export declarations (one more cancelled); 1 foreign notification about Chinese goods (CN)
      plus one about Thai goods (left out)
    - enterprises on file: 4, all with a credit grade (AA, A, A, A at the end of September; the third
      regraded to B in October); 2 ISO 9001 certified, 2 with HACCP (one of them also ISO 9001); 2 classified
      at the end of September (I, II) and a third classified III in October; one pending filing (left out)
    In 广州局 (GZ: BY), September 2026: 3 inspections, all non-conforming; 2 exports; 1 notification;
    2 enterprises on file, both QMS certified. None of it may count for 深圳局.
    """
    wjd, hg, by, sz, gz = orgs["WJD"], orgs["HG"], orgs["BY"], orgs["SZ"], orgs["GZ"]
    fruit, meat = fruit_and_meat()
    fly = pest()
    residue = pest("CLENBU", "克伦特罗")
    # September 2026, 深圳局
    inspection(wjd, SEP, "non_conforming", hazard=fly)
    inspection(hg, SEP, "non_conforming", hazard=residue, origin="BR", hs="020130")
    inspection(wjd, SEP, "conforming")
    inspection(wjd, SEP, "conforming", decided_by="random")
    inspection(hg, SEP, "conforming", origin="BR", hs="020130")
    inspection(wjd, SEP, "", status="open")
    inspection(wjd, SEP, "non_conforming", status="cancelled", hazard=fly)
    # August 2026 and September 2025, 深圳局
    inspection(wjd, AUG, "non_conforming", hazard=fly)
    inspection(wjd, AUG, "conforming")
    for _i in range(4):
        inspection(wjd, SEP_LAST_YEAR, "conforming")
    # 广州局
    for _i in range(3):
        inspection(by, SEP, "non_conforming", hazard=fly, origin="VN")
    # exports
    for port in (wjd, wjd, hg):
        consignment(port, SEP, direction="export", origin="CN")
    consignment(wjd, SEP, direction="export", origin="CN", status="cancelled")
    for _i in range(2):
        consignment(by, SEP, direction="export", origin="CN")
    # foreign notifications
    for org, origin in ((sz, "CN"), (sz, "TH"), (gz, "CN")):
        from guomen.catalog.tests.factories import CountryFactory

        RiskSignal.objects.create(
            source="foreign_notification",
            title="RASFF 2026.1234",
            org=org,
            origin=CountryFactory(code=origin),
            occurred_on=SEP,
        )
    # the rate counts trace-backs (traced back to an exporter of the unit, and one still unmatched that must not count)
    from guomen.tracebacks.models import TraceNotification

    for i, (org, status) in enumerate(((sz, "confirmed"), (sz, "unmatched"), (gz, "confirmed"))):
        TraceNotification.objects.create(
            source="manual",
            reference=f"RASFF 2026.123{i}",
            authority="Germany",
            notified_on=SEP,
            subject="pesticide residues",
            status=status,
            attributed_org=org if status == "confirmed" else None,
        )
    # enterprises: classes and grades as their pages show them today, with one change in October
    on_file = dt.date(2024, 1, 1)
    october = dt.datetime(2026, 10, 5, tzinfo=dt.UTC)
    for qms, haccp, cls, grade in (
        (True, False, "I", "AA"),
        (True, True, "II", "A"),
        (False, True, "III", "B"),
        (False, False, "", "A"),
    ):
        firm = EnterpriseFactory(
            org=sz,
            qms_certified=qms,
            haccp_certified=haccp,
            classification=cls,
            credit_grade=grade,
            filed_on=on_file,
        )
        if cls == "III":  # classified (and regraded from A) only in October
            StandingChange.objects.create(
                enterprise=firm, field="classification", before="", after="III", at=october
            )
            StandingChange.objects.create(
                enterprise=firm, field="credit_grade", before="A", after="B", at=october
            )
    EnterpriseFactory(
        org=wjd, qms_certified=True, classification="I", filing_status="pending", filed_on=on_file
    )
    for _i in range(2):
        EnterpriseFactory(org=gz, qms_certified=True, classification="I", filed_on=on_file)
    return {"fruit": fruit, "meat": meat, "fly": fly, "residue": residue}


@pytest.fixture
def gz_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["GZ"], username="supervisor_gz")


@pytest.fixture
def enterprise_user(orgs, make_user):
    return make_user(Role.ENTERPRISE, None, EnterpriseFactory(org=orgs["SZ"]), username="enterprise_user")
