"""Certification, recall and joint-enforcement pages: server time of the list and detail pages at a bureau's size.

uv run python bench/lines_pages.py [--rounds 40] [--scale 1]

Builds a scratch SQLite file under var/bench/ (migrate, then bulk-insert at --scale 1: 20,000 enterprises,
50,000 certificates with 20,000 annual checks and 2,000 mark-misuse cases, 200 CCC catalogue entries, 5,000 recalls with their dealers,
60 campaigns with 240 partner agencies, 5,000 interviews, 5,000 commitments and 2,000 handovers, spread over three
ports), then times every page through Django's test client in this process as the branch bureau's supervisor
(all middleware, views, queries and templates, no network): p50 and p95 server time and the number of queries.
Prints figures; asserts nothing.
"""

import datetime as dt
import random

from _common import time_pages


def build(scale: float) -> dict:
    from django.utils import timezone

    from guomen.accounts.models import OrgUnit, User
    from guomen.campaigns.models import Campaign
    from guomen.certification.models import AnnualCheck, Certificate, CompulsoryProduct, MarkMisuseCase
    from guomen.core.testing import make_uscc
    from guomen.enforcement.models import CampaignPartner, Commitment, Handover, Interview
    from guomen.recalls.models import Recall
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
        (Enterprise(uscc=make_uscc(i + 1), name_zh=f"进口企业{i}", kind="importer", org=ports[i % 3],
                    filed_on=today - dt.timedelta(days=1000)) for i in range(n(20_000))), batch_size=5000,
    )  # fmt: skip
    firms = list(Enterprise.objects.values_list("id", flat=True))
    org_of = dict(Enterprise.objects.values_list("id", "org_id"))

    def firm():
        return firms[rng.randrange(len(firms))]

    def ago():
        return today - dt.timedelta(days=rng.randint(0, 700))

    schemes = ["ccc", "iso9001", "iso22000", "haccp", "voluntary"]
    certs = []
    for i in range(n(50_000)):
        e = firm()
        start = today - dt.timedelta(days=rng.randint(0, 1500))
        certs.append(Certificate(number=f"C{i:012d}", scheme=schemes[i % 5], enterprise_id=e, products=f"产品{i}",
                                 hs_code=rng.choice(["8504", "9503", "8516", ""]), valid_from=start,
                                 valid_until=start + dt.timedelta(days=1825), org_id=org_of[e]))  # fmt: skip
    Certificate.objects.bulk_create(certs, batch_size=5000)
    cert_rows = list(Certificate.objects.values_list("id", "org_id"))
    AnnualCheck.objects.bulk_create(
        (AnnualCheck(certificate_id=c, org_id=o, planned_on=ago(), status=rng.choice(["planned", "rectifying", "closed"]))
         for c, o in rng.sample(cert_rows, n(20_000))), batch_size=5000,
    )  # fmt: skip
    misuse = []
    recalls = []
    interviews = []
    commitments = []
    for i in range(n(5_000)):
        e = firm()
        recalls.append(Recall(number=f"RC{i:08d}", title=f"进口商品缺陷召回{i}", category="children", product=f"型号{i}",
                              defect="存在安全隐患", enterprise_id=e, org_id=org_of[e], source="defect_report",
                              reported_on=ago(), units_affected=100,
                              status=rng.choice(["reported", "confirmed", "in_progress", "closed"])))  # fmt: skip
        interviews.append(
            Interview(enterprise_id=e, org_id=org_of[e], subject="质量问题约谈", scheduled_on=ago())
        )
        commitments.append(Commitment(enterprise_id=e, org_id=org_of[e], kind="integrity", text="诚信经营",
                                      signed_on=ago()))  # fmt: skip
        if i < n(2_000):
            misuse.append(
                MarkMisuseCase(
                    enterprise_id=e, org_id=org_of[e], description="标志使用不规范", found_on=ago()
                )
            )
    for model, rows in (
        (MarkMisuseCase, misuse),
        (Recall, recalls),
        (Interview, interviews),
        (Commitment, commitments),
    ):
        model.objects.bulk_create(rows, batch_size=5000)
    through = Recall.dealers.through
    through.objects.bulk_create(
        (through(recall_id=r, enterprise_id=firm()) for r in Recall.objects.values_list("id", flat=True)),
        batch_size=5000, ignore_conflicts=True,
    )  # fmt: skip
    Campaign.objects.bulk_create(
        Campaign(code=f"JA{i:03d}", name=f"联合执法行动{i}", kind="special_action", org=sz,
                 starts_on=today - dt.timedelta(days=30 * i), ends_on=today + dt.timedelta(days=30))
        for i in range(n(60))
    )  # fmt: skip
    CampaignPartner.objects.bulk_create(
        CampaignPartner(campaign=c, agency=a, agency_office=f"{a}办公室", org=sz, status="taking_part")
        for c in Campaign.objects.all() for a in ("market", "police", "customs", "agriculture")
    )  # fmt: skip
    Handover.objects.bulk_create(
        (Handover(direction="out", agency="police", org=ports[i % 3], subject="案件移送", handed_on=ago())
         for i in range(n(2_000))), batch_size=5000,
    )  # fmt: skip
    CompulsoryProduct.objects.bulk_create(
        CompulsoryProduct(hs_prefix=f"{8400 + i}", name_zh=f"强制性认证产品{i}", in_force_from=today,
                          retired_on=today if i % 10 == 0 else None)
        for i in range(200)
    )  # fmt: skip
    return {"supervisor": supervisor}


def pages() -> list[tuple[str, str]]:
    from guomen.certification.models import Certificate
    from guomen.recalls.models import Recall

    cert = Certificate.objects.filter(checks__isnull=False).order_by("-id").first()
    recall = Recall.objects.order_by("-id").first()
    return [
        ("certificates list", "/certification/"),
        ("certificates list, searched", "/certification/?q=产品4&status=valid"),
        ("certificates list, page 40", "/certification/?page=40"),
        ("certificate detail", f"/certification/{cert.pk}/"),
        ("mark-misuse list", "/certification/misuse/"),
        ("CCC catalogue (200 entries, in force)", "/certification/catalogue/"),
        ("CCC catalogue, all, page 4", "/certification/catalogue/?state=all&page=4"),
        ("recalls list", "/recalls/"),
        ("recalls list, filtered", "/recalls/?category=children&status=in_progress"),
        ("recall detail", f"/recalls/{recall.number}/"),
        ("enforcement page (interviews, commitments, handovers, partners)", "/enforcement/"),
    ]


def main() -> None:
    time_pages("lines_pages", build, lambda _world: pages(), rounds=40)


if __name__ == "__main__":
    main()
