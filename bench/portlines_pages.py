"""Port lines pages (food hygiene licences, solid-waste consignees, inspection-agency findings, dangerous-goods
packaging use results): server time of the four list pages at a bureau's size.

uv run python bench/portlines_pages.py [--rounds 30] [--scale 1]

Builds a scratch SQLite file under var/bench/ (migrate, then bulk-insert at --scale 1: 20,000 enterprises over
three ports, 30,000 licences, 5,000 consignee registrations, 20,000 agency findings, 50,000 packaging use results),
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
    from guomen.portlines.models import AgencyFinding, FoodLicence, PackagingUse, WasteConsignee
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
    return {"supervisor": supervisor}


PAGES = [
    ("licences list", "/portlines/licences/"),
    ("licences list, searched and filtered", "/portlines/licences/?q=L0000123&status=valid&grade=A"),
    ("licences list, page 40", "/portlines/licences/?page=40"),
    ("consignees list", "/portlines/consignees/"),
    ("agency findings list", "/portlines/findings/"),
    ("packaging use list", "/portlines/uses/"),
    ("packaging use list, page 40", "/portlines/uses/?page=40"),
]


def main() -> None:
    time_pages("portlines_pages", build, lambda _world: PAGES, rounds=30)


if __name__ == "__main__":
    main()
