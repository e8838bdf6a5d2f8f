"""Joint-enforcement and emergency-plan pages: server time of the list and detail pages at a bureau's size.

uv run python bench/emergency_enforcement_pages.py [--rounds 40] [--scale 1]

Builds a scratch SQLite file under var/bench/ (migrate, then bulk-insert at --scale 1: 20,000 enterprises, 5,000
interviews, 5,000 commitments, 2,000 handovers, 60 campaigns with 240 partner agencies — the enforcement figures of
bench/lines_pages.py — and 400 emergency plans with 4,000 drills and 2,000 activations, each with 10 tasks, 4 duty
shifts and 20 status reports, over three ports), then times every page through Django's test client in this
process as the branch bureau's supervisor (all middleware, views, queries and templates, no network): p50 and p95
server time and the number of queries. Prints figures; asserts nothing.
"""

import datetime as dt
import random

from _common import time_pages


def build(scale: float) -> dict:
    from django.utils import timezone

    from guomen.accounts.models import OrgUnit, User
    from guomen.campaigns.models import Campaign
    from guomen.core.testing import make_uscc
    from guomen.emergency.choices import PlanKind
    from guomen.emergency.models import (
        Activation,
        ActivationTask,
        Drill,
        DutyShift,
        EmergencyPlan,
        StatusReport,
    )
    from guomen.enforcement.models import CampaignPartner, Commitment, Handover, Interview
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
    staff = [User.objects.create(username=f"staff{i}", role="inspector", org=ports[i % 3]) for i in range(30)]
    today = timezone.localdate()
    now = timezone.now()
    Enterprise.objects.bulk_create(
        (Enterprise(uscc=make_uscc(i + 1), name_zh=f"进口企业{i}", kind="importer", org=ports[i % 3],
                    filed_on=today - dt.timedelta(days=1000)) for i in range(n(20_000))), batch_size=5000,
    )  # fmt: skip
    firms = list(Enterprise.objects.values_list("id", flat=True))
    org_of = dict(Enterprise.objects.values_list("id", "org_id"))

    def ago(days=700):
        return today - dt.timedelta(days=rng.randint(0, days))

    interviews, commitments = [], []
    for _i in range(n(5_000)):
        e = firms[rng.randrange(len(firms))]
        interviews.append(
            Interview(enterprise_id=e, org_id=org_of[e], subject="质量问题约谈", scheduled_on=ago())
        )
        commitments.append(
            Commitment(enterprise_id=e, org_id=org_of[e], kind="integrity", text="诚信经营", signed_on=ago())
        )
    Interview.objects.bulk_create(interviews, batch_size=5000)
    Commitment.objects.bulk_create(commitments, batch_size=5000)
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
        (Handover(direction=rng.choice(["out", "in"]), agency=rng.choice(["police", "market"]), org=ports[i % 3],
                  subject="案件移送", handed_on=ago()) for i in range(n(2_000))), batch_size=5000,
    )  # fmt: skip
    kinds = PlanKind.values
    EmergencyPlan.objects.bulk_create(
        EmergencyPlan(org=[sz, *ports][i % 4], kind=kinds[i % len(kinds)], title=f"应急预案{i}",
                      contacts="值班电话 0755-88880000", revised_on=ago(300)) for i in range(n(400))
    )  # fmt: skip
    plans = list(EmergencyPlan.objects.values_list("id", flat=True))
    Drill.objects.bulk_create(
        (Drill(plan_id=plans[i % len(plans)], held_on=ago(), scenario=f"演练{i}", findings="改进")
         for i in range(n(4_000))), batch_size=5000,
    )  # fmt: skip
    Activation.objects.bulk_create(
        (Activation(plan_id=plans[i % len(plans)], started_on=ago(), situation=f"事件{i}",
                    status="closed" if i % 5 else "active", review="处置完毕" if i % 5 else "")
         for i in range(n(2_000))), batch_size=5000,
    )  # fmt: skip
    activations = list(Activation.objects.values_list("id", flat=True))
    ActivationTask.objects.bulk_create(
        (ActivationTask(activation_id=a, title=f"任务{k}", assignee=staff[k % 30], due_on=today)
         for a in activations for k in range(10)), batch_size=5000,
    )  # fmt: skip
    DutyShift.objects.bulk_create(
        (DutyShift(activation_id=a, person=staff[k], starts_at=now + dt.timedelta(hours=12 * k),
                   ends_at=now + dt.timedelta(hours=12 * k + 12), phone="0755-88880000")
         for a in activations for k in range(4)), batch_size=5000,
    )  # fmt: skip
    StatusReport.objects.bulk_create(
        (StatusReport(activation_id=a, reported_at=now - dt.timedelta(hours=k), text=f"情况报告{k}", author=supervisor)
         for a in activations for k in range(20)), batch_size=5000,
    )  # fmt: skip
    return {"supervisor": supervisor}


def pages(_world) -> list[tuple[str, str]]:
    from guomen.emergency.models import Activation, EmergencyPlan
    from guomen.enforcement.models import Handover

    plan = EmergencyPlan.objects.order_by("-id").first()
    active = Activation.objects.filter(status="active").order_by("-id").first()
    return [
        ("enforcement page (latest interviews, commitments, handovers, partners)", "/enforcement/"),
        ("interviews list", "/enforcement/interviews/"),
        ("interviews list, page 40", "/enforcement/interviews/?page=40"),
        ("commitments list, filtered", "/enforcement/commitments/?kind=integrity&status=in_force"),
        ("handovers list", "/enforcement/handovers/"),
        ("handover", f"/enforcement/handovers/{Handover.objects.order_by('-id').first().pk}/"),
        ("emergency plans list", "/emergency/"),
        ("emergency plans list, filtered", "/emergency/?kind=port_health&unit=WJD"),
        ("emergency plan", f"/emergency/plans/{plan.pk}/"),
        ("activation (10 tasks, 4 duties, 20 reports)", f"/emergency/activations/{active.pk}/"),
        ("activate a plan (form with plans and warnings)", "/emergency/activations/new/"),
    ]


def main() -> None:
    time_pages("emergency_enforcement_pages", build, pages, rounds=40)


if __name__ == "__main__":
    main()
