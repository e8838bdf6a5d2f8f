"""Today's consignments, submitted through the real intake service so tasks and timelines are genuine."""

import random

from django.utils import timezone

from guomen.accounts.models import User
from guomen.clearance.services import clearance_confirm, clearance_record_result, clearance_submit
from guomen.inspections.models import InspectionTask

from .masterdata import Bureau
from .plan import FlowPlan
from .reference import PORT_TRANSPORT, PORTS
from .trade import AIRLINES, TRANSPORT_LOAD_KG, hk_consignee

PER_PORT = 4


def _consignment(plan: FlowPlan, port_code: str, transport: str, rng: random.Random) -> dict:
    today = timezone.localdate()
    c = plan.commodity
    firm = plan.firms.pick(rng.random())
    low, high = TRANSPORT_LOAD_KG[transport]
    qty = max(1, round((low + (high - low) * rng.random()) / c.kg_per_unit))
    net = round(qty * c.kg_per_unit, 3)
    codes, consignor = [], firm.name
    for picker in plan.bases.values():
        active = [b for b in picker.items if b.closed_on is None]
        if active:
            base = active[int(rng.random() ** 2 * len(active))]
            codes.append(base.code)
            if base.kind in ("packhouse", "processing_plant"):
                consignor = base.name
    importing = c.direction == "import"
    vehicle = {
        "truck": f"粤Z{rng.randint(1000, 9999)}港",
        "air": f"{AIRLINES.get(plan.flow.origin, 'CZ')}{rng.randint(100, 999)}",
    }.get(transport, f"OOLU{rng.randint(1000000, 9999999)}")
    return {
        "direction": c.direction,
        "port_code": port_code,
        "declarant_uscc": firm.uscc,
        "consignee_uscc": firm.uscc if importing else None,
        "consignor_name": consignor,
        "origin_country": plan.flow.origin,
        "destination_country": None if importing else "HK",
        **_consignee_abroad(importing, qty),
        "transport": transport,
        "transport_id": vehicle,
        "arrival_date": today,
        "lines": [
            {
                "hs_code": c.national,
                "description": c.name_zh,
                "quantity": qty,
                "unit": c.unit,
                "net_weight_kg": net,
                "value": round(net * c.price_per_kg * (0.85 + 0.3 * rng.random()), 2),
                "currency": c.currency,
                "production_base_codes": codes,
            }
        ],
        "documents": [
            {"type": c.document, "number": f"{plan.flow.origin}-{today.year}-{rng.randint(1, 999999):06d}"}
        ]
        if importing
        else [],
    }


def _consignee_abroad(importing: bool, n: int) -> dict:
    """The Hong Kong buyer of an export (chosen by a number: the random stream of the demo is unchanged)."""
    if importing:
        return {}
    name, address, country = hk_consignee(n)
    return {
        "foreign_consignee_name": name,
        "foreign_consignee_address": address,
        "foreign_consignee_country": country,
    }


def submit_today(bureau: Bureau, plans: list[FlowPlan], rng: random.Random) -> list:
    """A handful of consignments arriving today at every port, each with its targeting decision and task."""
    month = timezone.localdate().month - 1
    submitted = []
    for port_code in PORTS:
        here = [p for p in plans if port_code in p.flow.ports]
        in_season = [p for p in here if p.flow.season[month] >= 1.0] or here
        for _i in range(PER_PORT):
            plan = rng.choice(in_season)
            data = _consignment(plan, port_code, PORT_TRANSPORT[port_code], rng)
            submitted.append(clearance_submit(actor=None, **data))
    return submitted


def work_some_tasks(bureau: Bureau) -> None:
    """At 文锦渡, one task goes all the way to release and one waits for the supervisor's confirmation."""
    inspector = User.objects.get(pk=bureau.user_ids["inspector_wjd"])
    supervisor = User.objects.get(pk=bureau.user_ids["supervisor_sz"])
    today = timezone.localdate()
    tasks = list(
        InspectionTask.objects.filter(port__code="WJD", status="open", declaration__arrival_date=today)
        .exclude(channel="physical_sampling")
        .select_related("port", "declaration__port")
        .order_by("id")[:2]
    )
    if tasks:
        task = clearance_record_result(
            task=tasks[0],
            outcome="conforming",
            notes="货证相符，未发现有害生物。",
            proposed_disposition="release",
            checklist=[{"code": "phys.decay", "result": "conform", "note": "开箱检查，未见腐烂"}]
            if tasks[0].channel != "document"
            else [],
            actor=inspector,
        )
        clearance_confirm(task=task, disposition="release", actor=supervisor)
    if len(tasks) > 1:
        pest = "PLANLI" if tasks[1].declaration.origin_country_id == "TH" else "BACTDO"
        clearance_record_result(
            task=tasks[1],
            outcome="non_conforming",
            notes="开箱查验发现活体有害生物，建议除害处理。",
            findings=[{"hazard_code": pest, "description": "", "count": 3}],
            proposed_disposition="treatment",
            actor=inspector,
        )
