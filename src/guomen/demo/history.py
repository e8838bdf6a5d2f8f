"""Two years of past declarations with decisions, inspections, findings and dispositions, written in bulk.

Rows are plain tuples written with TableWriter; numbers, verification codes, totals, versions and
timestamps are what the intake and inspection services would have produced for the same events
(number = port code + submission date + 6-digit sequence; version = 1 + status changes). Past events
carry no per-row audit entries: the seed run itself is audited once.
"""

import datetime as dt
import json
import math
import random
from collections import Counter

from django.db import connection, transaction

from guomen.declarations.models import Declaration, DeclarationDocument, DeclarationLine
from guomen.declarations.services import VERIFICATION_ALPHABET
from guomen.inspections.models import Finding, InspectionTask
from guomen.inspections.services import CHANNEL_PRIORITY
from guomen.targeting.models import TargetingDecision

from .bulk import TableWriter, analyze, next_id, reset_sequences, secondary_indexes_deferred
from .masterdata import Bureau
from .plan import FlowPlan, month_pickers
from .trade import (
    AIRLINES,
    BAD_BASE_EFFECT,
    CONTAINER_OWNERS,
    CREDIT_EFFECT,
    CREDIT_INSPECTION,
    DISPOSITIONS,
    FINDING_SHARE,
    TRANSPORT_LOAD_KG,
    hk_consignee,
)

DAYS = 730
CHUNK = 50_000  # declarations per transaction
CHANNEL_ZH = {
    "release": "放行",
    "document": "单证审核",
    "physical": "实货查验",
    "physical_sampling": "查验+抽样",
}
FINAL_STATUS = {"release": "released", "return": "returned", "destroy": "destroyed", "treatment": "released"}
CLOSING_EFFECT = 1.2  # an orchard on its way to suspension fails more often in its last months
CLOSING_DAYS = 150

DECLARATION_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "version",
    "number",
    "direction",
    "status",
    "port",
    "declarant",
    "consignee",
    "consignor_name",
    "origin_country",
    "destination_country",
    "foreign_consignee_name",
    "foreign_consignee_address",
    "foreign_consignee_country",
    "transport",
    "transport_id",
    "arrival_date",
    "submitted_at",
    "verification_code",
    "channel",
    "total_value",
    "total_weight_kg",
    "outcome",
    "created_by",
]
LINE_FIELDS = [
    "id",
    "declaration",
    "line_no",
    "hs",
    "description",
    "quantity",
    "unit",
    "net_weight_kg",
    "value",
    "currency",
]
DECISION_FIELDS = ["declaration", "channel", "reasons", "instruction", "decided_by", "decided_at"]
TASK_FIELDS = [
    "id",
    "created_at",
    "updated_at",
    "version",
    "declaration",
    "port",
    "channel",
    "priority",
    "instruction",
    "status",
    "due_date",
    "assignee",
    "outcome",
    "notes",
    "proposed_disposition",
    "recorded_by",
    "recorded_at",
    "disposition",
    "confirmed_by",
    "confirmed_at",
]
FINDING_FIELDS = ["task", "hazard", "description", "count", "created_at"]
DOCUMENT_FIELDS = ["declaration", "type", "number", "issued_on", "file"]


def _reason_json(plan: FlowPlan, channel: str) -> str:
    label = CHANNEL_ZH[channel]
    name = f"{plan.flow.origin} {plan.commodity.name_zh}"
    text = (
        f"历史布控：{name}按比例抽中“{label}”。"
        if channel != "release"
        else f"历史布控：{name}未抽中，放行。"
    )
    return json.dumps(
        [{"code": "historical_ratio", "text": text, "params": {"flow": name, "channel": channel}}],
        ensure_ascii=False,
    )


class Clock:
    """Timestamps as text for local (Asia/Shanghai) days; seconds may run past midnight."""

    def __init__(self, start: dt.date, days: int):
        self.dates = [(start + dt.timedelta(days=i)).isoformat() for i in range(-5, days + 10)]
        self.suffix = "+00:00" if connection.vendor == "postgresql" else ""

    def at(self, day: int, seconds: int) -> str:
        utc = seconds - 8 * 3600
        k = day + 5 + utc // 86400
        rem = utc % 86400
        return f"{self.dates[k]} {rem // 3600:02d}:{rem % 3600 // 60:02d}:{rem % 60:02d}{self.suffix}"

    def date(self, day: int) -> str:
        return self.dates[day + 5]


DEFER_INDEXES_FROM = (
    100_000  # declarations: from here, building the indexes once beats keeping them up to date
)


class HistoryGenerator:
    def __init__(self, bureau: Bureau, plans: list[FlowPlan], rng: random.Random, total: int, end: dt.date):
        self.bureau, self.plans, self.rng, self.total = bureau, plans, rng, total
        self.start = end - dt.timedelta(days=DAYS - 1)
        self.clock = Clock(self.start, DAYS)
        self.counts: Counter = Counter()
        self.sequence: dict[tuple[str, int], int] = {}
        self.agents = [e for e in bureau.enterprises if e.kind == "agent"]
        self.inspectors = {
            bureau.orgs[c].pk: uid
            for c, uid in (("WJD", bureau.user_ids["inspector_wjd"]), ("BY", bureau.user_ids["inspector_by"]))
        }
        sz_ports = {u.pk for u in bureau.orgs.values() if u.parent_id == bureau.orgs["SZ"].pk}
        self.confirmers = dict.fromkeys(sz_ports, bureau.user_ids["supervisor_sz"])
        self.reasons = {(id(p), ch): _reason_json(p, ch) for p in plans for ch in CHANNEL_ZH}

    def daily_counts(self) -> list[int]:
        pickers = month_pickers(self.plans)
        weights = []
        for i in range(DAYS):
            day = self.start + dt.timedelta(days=i)
            weekday = (0.75, 1.0, 1.0, 1.0, 1.0, 1.0, 0.55)[(day.weekday() + 1) % 7]
            weights.append(pickers[day.month - 1].total * weekday * (0.85 + 0.3 * i / DAYS))
        scale = self.total / sum(weights)
        counts = []
        for w in weights:
            expected = w * scale
            counts.append(int(expected) + (self.rng.random() < expected - int(expected)))
        return counts

    def run(self, progress=None) -> Counter:
        models = [Declaration, DeclarationLine, InspectionTask]
        self.ids = {m: next_id(m) for m in models}
        self.w = {
            "declaration": TableWriter(Declaration, DECLARATION_FIELDS),
            "line": TableWriter(DeclarationLine, LINE_FIELDS),
            "base": TableWriter(
                DeclarationLine.production_bases.through, ["declarationline", "productionbase"]
            ),
            "decision": TableWriter(TargetingDecision, DECISION_FIELDS),
            "task": TableWriter(InspectionTask, TASK_FIELDS),
            "finding": TableWriter(Finding, FINDING_FIELDS),
            "document": TableWriter(DeclarationDocument, DOCUMENT_FIELDS),
        }
        pickers = month_pickers(self.plans)
        counts = self.daily_counts()
        done = day = 0
        with secondary_indexes_deferred(self.w.values(), enabled=self.total >= DEFER_INDEXES_FROM):
            while day < DAYS:
                with transaction.atomic():
                    chunk_end = done + CHUNK
                    while day < DAYS and done < chunk_end:
                        date = self.start + dt.timedelta(days=day)
                        picker = pickers[date.month - 1]
                        recent = day == DAYS - 1
                        for _i in range(counts[day]):
                            self.declaration(day, date, picker.pick(self.rng.random()), recent)
                        done += counts[day]
                        day += 1
                    self.flush()
                if progress:
                    progress(done, self.total)
        reset_sequences(models)
        analyze(self.w.values())
        self.counts["declarations"] = done
        return self.counts

    def flush(self) -> None:
        for writer in self.w.values():
            writer.flush()

    def declaration(self, day: int, date: dt.date, plan: FlowPlan, recent: bool) -> None:
        rng = self.rng
        rnd = rng.random
        c = plan.commodity
        clock = self.clock
        port_code, port_id, transport = plan.ports.pick(rnd())
        firm = plan.firms.pick(rnd())
        importing = c.direction == "import"
        if importing:
            declarant = rng.choice(self.agents) if rnd() < 0.3 else firm
            consignee_id = firm.id
        else:
            declarant, consignee_id = firm, None
        grade = firm.grade

        # Lines: the flow's commodity, sometimes with companions on the same truck.
        line_plans = [plan]
        mates = plan.companions[date.month - 1]
        if mates and rnd() < (0.5 if not importing else 0.15):
            line_plans.append(rng.choice(mates))
            if not importing and rnd() < 0.4:
                line_plans.append(rng.choice(mates))
        low, high = TRANSPORT_LOAD_KG[transport]
        load = low + (high - low) * rnd()
        decl_id = self.ids[Declaration]
        self.ids[Declaration] += 1
        total_value = total_weight = 0.0
        bad = closing = False
        consignor = firm.name if not importing else ""
        w_line, w_base = self.w["line"], self.w["base"]
        for line_no, lp in enumerate(line_plans, start=1):
            lc = lp.commodity
            qty = max(1, round(load / len(line_plans) / lc.kg_per_unit))
            net = qty * lc.kg_per_unit
            value = round(net * lc.price_per_kg * (0.85 + 0.3 * rnd()), 2)
            total_value += value
            total_weight += net
            line_id = self.ids[DeclarationLine]
            self.ids[DeclarationLine] += 1
            w_line.add(
                (
                    line_id,
                    decl_id,
                    line_no,
                    lc.national,
                    lc.name_zh,
                    f"{qty:.3f}",
                    lc.unit,
                    f"{net:.3f}",
                    f"{value:.2f}",
                    lc.currency,
                )
            )
            for picker in lp.bases.values():
                if not picker:
                    continue
                base = picker.pick(rnd())
                for _retry in range(6):
                    if base.closed_on is None or date < base.closed_on:
                        break
                    base = picker.pick(rnd())
                else:
                    continue
                w_base.add((line_id, base.id))
                bad = bad or base.bad
                if base.closed_on is not None and (base.closed_on - date).days <= CLOSING_DAYS:
                    closing = True
                if base.kind in ("packhouse", "processing_plant") and not consignor:
                    consignor = base.name

        # Decision: the historical ratio of physical checks, higher for poor credit.
        intensity = min(0.95, c.inspection * CREDIT_INSPECTION[grade])
        r = rnd()
        if r < intensity * 0.45:
            channel = "physical_sampling"
        elif r < intensity:
            channel = "physical"
        elif r < intensity + (1 - intensity) * 0.4:
            channel = "document"
        else:
            channel = "release"

        lag = 0 if transport == "air" else int(rnd() * (2 if transport == "truck" else 4))
        sub_day = day - lag
        sub_sec = 7 * 3600 + int(rnd() * 12 * 3600)
        submitted = clock.at(sub_day, sub_sec)
        decided = clock.at(sub_day, sub_sec + 2)
        number_key = (port_code, sub_day)
        seq = self.sequence[number_key] = self.sequence.get(number_key, 0) + 1
        number = f"{port_code}{clock.date(sub_day).replace('-', '')}{seq:06d}"
        self.w["decision"].add(
            (
                decl_id,
                channel,
                self.reasons[(id(plan), channel)],
                plan.instruction if channel != "release" else "",
                "history",
                decided,
            )
        )
        outcome = ""
        if channel == "release":
            status, version, updated = "released", 2, decided
        else:
            status, version, outcome, updated = self.inspect(
                day, decl_id, port_id, channel, plan, grade, bad, closing, date, decided, recent
            )
        self.counts[f"channel.{channel}"] += 1
        if transport == "truck":
            vehicle = f"粤Z{rng.randint(1000, 9999)}港"
        elif transport == "air":
            vehicle = f"{AIRLINES.get(plan.flow.origin, 'CZ')}{rng.randint(100, 999)}"
        else:
            vehicle = f"{CONTAINER_OWNERS[int(rnd() * len(CONTAINER_OWNERS))]}{rng.randint(1000000, 9999999)}"
        code = "".join(rng.choices(VERIFICATION_ALPHABET, k=6))
        self.w["declaration"].add(
            (
                decl_id,
                submitted,
                updated,
                version,
                number,
                c.direction,
                status,
                port_id,
                declarant.id,
                consignee_id,
                consignor,
                plan.flow.origin,
                None if importing else "HK",
                *(("", "", "") if importing else hk_consignee(decl_id)),
                transport,
                vehicle,
                clock.date(day),
                submitted,
                code,
                channel,
                f"{total_value:.2f}",
                f"{total_weight:.3f}",
                outcome,
                None,
            )
        )
        if importing:
            issued = clock.date(sub_day - 1 - int(rnd() * 4))
            self.w["document"].add(
                (
                    decl_id,
                    c.document,
                    f"{plan.flow.origin}-{date.year}-{rng.randint(1, 999999):06d}",
                    issued,
                    "",
                )
            )

    def draw_outcome(self, channel, plan, grade, bad, closing, month) -> tuple[str, str, tuple | None]:
        """(outcome, disposition, finding) of one inspection, from the non-conformity model."""
        rnd = self.rng.random
        logit = plan.logit + CREDIT_EFFECT[grade] + plan.season_effect[month - 1]
        logit += (BAD_BASE_EFFECT if bad else 0.0) + (CLOSING_EFFECT if closing else 0.0)
        if rnd() >= 1.0 / (1.0 + math.exp(-logit)):
            return "conforming", "release", None
        r = rnd()
        kind = (
            "pest" if r < FINDING_SHARE["pest"] else "hazard" if r < 1 - FINDING_SHARE["label"] else "label"
        )
        if kind == "pest" and not plan.pests:
            kind = "hazard"
        # Document checks only catch labelling; residues and microbes need a sample.
        if kind != "label" and (channel == "document" or (kind == "hazard" and channel == "physical")):
            return "conforming", "release", None
        choices = plan.pests if kind == "pest" else plan.hazards if kind == "hazard" else plan.labels
        finding = choices[min(int(rnd() ** 1.6 * len(choices)), len(choices) - 1)]
        r = rnd()
        for disposition, share in DISPOSITIONS[kind]:
            r -= share
            if r < 0:
                return "non_conforming", disposition, finding
        return "non_conforming", DISPOSITIONS[kind][-1][0], finding

    def inspect(self, day, decl_id, port_id, channel, plan, grade, bad, closing, date, decided, recent):
        """Write the task (and its finding); return the declaration's status, version, outcome, update time."""
        rnd = self.rng.random
        outcome, disposition, finding = self.draw_outcome(channel, plan, grade, bad, closing, date.month)
        task_id = self.ids[InspectionTask]
        self.ids[InspectionTask] += 1
        base_sec = 9 * 3600 + int(rnd() * 8 * 3600)
        recorded = self.clock.at(day, base_sec)
        confirmed = self.clock.at(day, base_sec + 1800 + int(rnd() * 4 * 3600))
        inspector = self.inspectors.get(port_id)
        stage = 3 if not recent else (1 if rnd() < 0.25 else 2 if rnd() < 0.5 else 3)
        self.counts["tasks"] += 1
        notes = finding[1] if finding else ""
        if stage == 1:  # still open: the inspector has not been yet
            state = ("open", 1, decided, None, "", "", "", None, None, "", None, None)
            result = "under_inspection", 2, "", decided
        elif stage == 2:  # recorded, awaiting the supervisor
            state = (
                "awaiting_confirmation",
                2,
                recorded,
                inspector,
                outcome,
                notes,
                disposition,
                inspector,
                recorded,
                "",
                None,
                None,
            )
            result = "pending_disposition", 3, outcome, recorded
        else:
            state = (
                "closed",
                3,
                confirmed,
                inspector,
                outcome,
                notes,
                disposition,
                inspector,
                recorded,
                disposition,
                self.confirmers.get(port_id),
                confirmed,
            )
            under_treatment = disposition == "treatment" and DAYS - day <= 3
            status = "treatment" if under_treatment else FINAL_STATUS[disposition]
            version = 5 if disposition == "treatment" and not under_treatment else 4
            result = status, version, outcome, confirmed
        status, version, updated, *rest = state
        self.w["task"].add(
            (
                task_id,
                decided,
                updated,
                version,
                decl_id,
                port_id,
                channel,
                CHANNEL_PRIORITY[channel],
                plan.instruction,
                status,
                self.clock.date(day),
                *rest,
            )
        )
        if finding and stage > 1:
            count = 1 + int(rnd() * 12) if plan.pests and finding in plan.pests else None
            self.w["finding"].add((task_id, self.bureau.hazard_ids[finding[0]], finding[1], count, recorded))
            self.counts["non_conforming"] += 1
        return result
