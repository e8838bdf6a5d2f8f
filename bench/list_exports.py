"""Excel exports of the lists (core.filters.xlsx_export): server time of an export at the 50,000-row limit.

uv run python bench/list_exports.py [--rounds 5] [--scale 1]

Builds a scratch SQLite file under var/bench/ (migrate, then bulk-insert 50,000 enterprises at --scale 1 over three
ports), then times through Django's test client, as the branch bureau's supervisor, the enterprise list page and
its exports with the same filters: a filtered one (a third of the rows) and the whole list (the 50,000 rows an
export may hold). Prints p50/p95 server time and statements; asserts nothing.
"""

import datetime as dt

from _common import time_pages


def build(scale: float) -> dict:
    from django.utils import timezone

    from guomen.accounts.models import OrgUnit, User
    from guomen.core.testing import make_uscc
    from guomen.registry.models import Enterprise

    root = OrgUnit.objects.create(code="GACC", name="海关总署", kind="general", path="/GACC/")
    sz = OrgUnit.objects.create(code="SZ", name="深圳局", kind="branch", parent=root, path="/GACC/SZ/")
    ports = [
        OrgUnit.objects.create(code=c, name=c, kind="port", parent=sz, path=f"/GACC/SZ/{c}/")
        for c in ("WJD", "HG", "SK")
    ]
    supervisor = User.objects.create(username="bench_supervisor", role="supervisor", org=sz)
    today = timezone.localdate()
    kinds = ["importer", "exporter", "producer"]
    Enterprise.objects.bulk_create(
        (Enterprise(uscc=make_uscc(i + 1), name_zh=f"深圳市果品进出口有限公司{i}", name_en=f"Shenzhen Fruit {i}",
                    kind=kinds[i % 3], org=ports[i % 3], address=f"深圳市罗湖区文锦南路{i}号",
                    filed_on=today - dt.timedelta(days=i % 1000)) for i in range(max(1, int(50_000 * scale)))),
        batch_size=5000,
    )  # fmt: skip
    return {"supervisor": supervisor}


def pages(world) -> list[tuple[str, str]]:
    return [
        ("enterprise list, kind=exporter", "/registry/enterprises/?kind=exporter"),
        ("export, kind=exporter (16,667 rows)", "/registry/enterprises/export.xlsx?kind=exporter"),
        ("export, whole list (50,000 rows)", "/registry/enterprises/export.xlsx"),
    ]


if __name__ == "__main__":
    time_pages("list_exports", build, pages, rounds=5)
