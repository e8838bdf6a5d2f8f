"""Port lines pages (food hygiene licences, hygiene monitoring, solid-waste consignees, inspection-agency
registrations and findings, dangerous-goods packaging makers, performance tests and use results): server time of
the list pages (and an agency's page) at a bureau's size.

uv run python bench/portlines_pages.py [--rounds 30] [--scale 1]

Builds a scratch SQLite file under var/bench/ (migrate, then bulk-insert at --scale 1: 20,000 enterprises over
three ports, 30,000 licences, 5,000 consignee registrations, 20,000 agency findings, 50,000 packaging use results,
5,000 agency registrations, 60,000 hygiene monitoring results (half on licences, one in ten non-conforming), 2,000
packaging makers, 30,000 performance tests),
then times each list page through Django's test client in this process as the branch bureau's supervisor: p50 and
p95 server time and the number of queries. Prints figures; asserts nothing.
"""

import datetime as dt
import random

from _common import time_pages

KINDS = ("port_food", "waste_consignee", "inspection_agency", "dg_packaging")


def build(scale: float) -> dict:
    from django.utils import timezone

    from guomen.accounts.models import OrgUnit, User
    from guomen.core.testing import make_uscc
    from guomen.portlines.models import (
        AgencyFinding,
        AgencyRegistration,
        FoodLicence,
        HygieneMonitoring,
        PackagingMaker,
        PackagingUse,
        PerformanceTest,
        WasteConsignee,
    )
    from guomen.registry.models import Enterprise

    rng = random.Random(16)

    def n(count: int) -> int:
        return max(1, int(count * scale))

    root = OrgUnit.objects.create(code="GACC", name="海关总署", kind="general", path="/GACC/")
    sz = OrgUnit.objects.create(code="SZ", name="深圳局", kind="branch", parent=root, path="/GACC/SZ/")
    ports = [
        OrgUnit.objects.create(code=c, name=c, kind="port", parent=sz, path=f"/GACC/SZ/{c}/")
        for c in ("WJD", "HG", "SK")
    ]
    supervisor = User.objects.create(username="bench_supervisor", role="supervisor", org=sz)
    today = timezone.localdate()
    Enterprise.objects.bulk_create(
        (Enterprise(uscc=make_uscc(i + 1), name_zh=f"口岸企业{i}", kind=KINDS[i % 4], org=ports[i % 3],
                    filed_on=today - dt.timedelta(days=1000)) for i in range(n(20_000))), batch_size=5000,
    )  # fmt: skip
    by_kind = {k: list(Enterprise.objects.filter(kind=k).values_list("id", "org_id")) for k in KINDS}

    def firm(kind):
        return rng.choice(by_kind[kind])

    def ago():
        return today - dt.timedelta(days=rng.randint(0, 700))

    def rows(kind, count, make):
        out = []
        for i in range(n(count)):
            e, o = firm(kind)
            out.append(make(i, e, o))
        return out

    FoodLicence.objects.bulk_create(rows("port_food", 30_000, lambda i, e, o: FoodLicence(
        enterprise_id=e, org_id=o, number=f"L{i:09d}", business="catering", premises=f"场所{i}",
        valid_from=ago(), valid_until=today + dt.timedelta(days=rng.randint(-200, 1200)),
        grade=rng.choice("ABC "), status=rng.choice(["valid", "valid", "suspended", "expired"]))), batch_size=5000)  # fmt: skip
    WasteConsignee.objects.bulk_create(rows("waste_consignee", 5_000, lambda i, e, o: WasteConsignee(
        enterprise_id=e, org_id=o, number=f"W{i:09d}", materials="废纸", applied_on=ago(),
        status=rng.choice(["applied", "registered", "suspended"]))), batch_size=5000)  # fmt: skip
    AgencyFinding.objects.bulk_create(rows("inspection_agency", 20_000, lambda i, e, o: AgencyFinding(
        enterprise_id=e, org_id=o, check_kind=rng.choice(["goods", "factory"]), found_on=ago(),
        description=f"问题{i}", status=rng.choice(["open", "penalised", "dismissed"]))), batch_size=5000)  # fmt: skip
    PackagingUse.objects.bulk_create(rows("dg_packaging", 50_000, lambda i, e, o: PackagingUse(
        enterprise_id=e, org_id=o, packaging="drum", un_number=f"UN{1000 + i % 2000}", goods=f"货物{i}",
        inspected_on=ago(), result="passed", valid_until=today + dt.timedelta(days=200))), batch_size=5000)  # fmt: skip
    AgencyRegistration.objects.bulk_create(rows("inspection_agency", 5_000, lambda i, e, o: AgencyRegistration(
        enterprise_id=e, org_id=o, number=f"Q{i:09d}", scope=rng.choice(["commodity weight", "damage", "quality sampling"]),
        applied_on=ago(), registered_on=ago(), valid_until=today + dt.timedelta(days=rng.randint(-100, 1000)),
        status=rng.choice(["applied", "registered", "registered", "suspended"]))), batch_size=5000)  # fmt: skip
    licences = list(FoodLicence.objects.values_list("id", "enterprise_id", "org_id"))

    def monitoring(i, e, o):
        bad = i % 10 == 0
        lic = rng.choice(licences) if i % 2 else None
        return HygieneMonitoring(
            org_id=lic[2] if lic else o,
            licence_id=lic[0] if lic else None,
            enterprise_id=lic[1] if lic else None,
            category="drinking_water",
            item="菌落总数",
            sampling_point=f"采样点{i}",
            sampled_on=ago(),
            value=120 if bad else 30,
            unit="CFU/mL",
            limit=100,
            limit_kind="max",
            conforming=not bad,
            status="open" if bad else "conforming",
        )

    HygieneMonitoring.objects.bulk_create(rows("port_food", 60_000, monitoring), batch_size=5000)  # fmt: skip
    PackagingMaker.objects.bulk_create(rows("dg_packaging", 2_000, lambda i, e, o: PackagingMaker(
        enterprise_id=e, org_id=o, number=f"M{i:09d}", products="1A1 4G 31HA1", registered_on=ago(),
        valid_until=today + dt.timedelta(days=900))), batch_size=5000)  # fmt: skip
    makers = list(PackagingMaker.objects.values_list("id", "enterprise_id", "org_id"))

    def test(i, e, o):
        m = rng.choice(makers)
        ok = i % 8 != 0
        return PerformanceTest(
            maker_id=m[0],
            enterprise_id=m[1],
            org_id=m[2],
            un_code="1A1",
            batch=f"B{i:08d}",
            tested_on=ago(),
            drop="passed",
            stacking="passed" if ok else "failed",
            leakproof="passed",
            hydraulic="not_tested",
            passed=ok,
            valid_until=today + dt.timedelta(days=200) if ok else None,
            status="valid" if ok else "failed",
        )

    PerformanceTest.objects.bulk_create(rows("dg_packaging", 30_000, test), batch_size=5000)  # fmt: skip
    agency = AgencyRegistration.objects.order_by("id").first()
    return {"supervisor": supervisor, "agency": agency.pk}


PAGES = [
    ("licences list", "/portlines/licences/"),
    ("licences list, searched and filtered", "/portlines/licences/?q=L0000123&status=valid&grade=A"),
    ("licences list, page 40", "/portlines/licences/?page=40"),
    ("consignees list", "/portlines/consignees/"),
    ("agency findings list", "/portlines/findings/"),
    ("packaging use list", "/portlines/uses/"),
    ("packaging use list, page 40", "/portlines/uses/?page=40"),
    ("agency registrations list", "/portlines/agencies/"),
    ("agency registrations list, by scope", "/portlines/agencies/?scope=damage&status=registered"),
    ("hygiene monitoring list", "/portlines/monitoring/"),
    (
        "hygiene monitoring list, non-conforming open",
        "/portlines/monitoring/?status=open&category=drinking_water",
    ),
    ("packaging makers list", "/portlines/makers/"),
    ("performance tests list", "/portlines/tests/"),
    ("performance tests list, page 40", "/portlines/tests/?page=40"),
]


def main() -> None:
    time_pages(
        "portlines_pages",
        build,
        lambda world: [*PAGES, ("an agency's page", f"/portlines/agencies/{world['agency']}/")],
        rounds=30,
    )


if __name__ == "__main__":
    main()
