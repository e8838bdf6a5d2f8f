"""Who trades what through where: flows joined with the bureau's ports, enterprises and production bases.

Both the history generator and today's declarations draw from the same plan, so the demo's
enterprises keep importing the same fruit from the same orchards through the same ports.
"""

import bisect
import itertools
import math
import random
from dataclasses import dataclass, field

from . import reference
from .masterdata import BaseInfo, Bureau, EnterpriseInfo
from .trade import COMMODITIES, FLOWS, FRUIT_FLY_SEASON, ORIGIN_EFFECT, TROPICAL, Commodity, Flow

HAZARD_NAMES = {code: (zh, sci) for code, _kind, zh, _en, sci in reference.HAZARDS}
REQUIREMENT_PESTS = {(hs, origin): pests for hs, origin, pests, *_rest in reference.REQUIREMENTS}
LABEL_HAZARDS = ("MARKNG", "LABELZ")


class Picker:
    """Weighted choice by bisection over cumulative weights (fast for repeated draws)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1] if self.cum else 0.0

    def __bool__(self) -> bool:
        return bool(self.items)

    def pick(self, rnd: float):
        return self.items[bisect.bisect_right(self.cum, rnd * self.total)]


def zipf(n: int, s: float = 0.8) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


@dataclass
class FlowPlan:
    flow: Flow
    commodity: Commodity
    ports: Picker
    firms: Picker
    bases: dict[str, Picker]  # base kind → orchards / packhouses / farms / plants
    pests: list[tuple[str, str]]  # (hazard code, finding text)
    hazards: list[tuple[str, str]]
    labels: list[tuple[str, str]]
    logit: float  # origin and commodity terms of the non-conformity logit
    season_effect: tuple[float, ...]  # extra logit by month (fruit-fly season)
    instruction: str
    companions: list[list["FlowPlan"]] = field(default_factory=list)  # by month: flows that share a truck


def _finding_text(code: str, kind: str) -> str:
    zh, sci = HAZARD_NAMES[code]
    if kind == "pest":
        return f"检出{zh}（{sci}）"
    if kind == "label":
        return zh
    return (
        f"检出{zh}" if code in {"SALMON", "LISTMO", "ECO157", "VIBRPA", "CHLORA", "RACTOP"} else f"{zh}超标"
    )


def _instruction(commodity: Commodity, pests: list[str], origin: str) -> str:
    lines = []
    if pests:
        named = "、".join(f"{HAZARD_NAMES[p][0]} ({HAZARD_NAMES[p][1]})" for p in pests)
        lines.append(f"重点检查检疫性有害生物：{named}。")
    if commodity.base_kinds == ("orchard", "packhouse"):
        lines.append(f"核对果园、包装厂注册号和“{reference.CHINA_MARK}”标识。")
    elif commodity.direction == "export":
        lines.append("核对供港蔬菜种植基地备案号和农残自检报告。")
    else:
        lines.append(f"核对{origin}注册生产企业编号和卫生证书，检查冷链温度。")
    return "\n".join(lines)


def _assign_firms(bureau: Bureau, rng: random.Random) -> dict[int, list[EnterpriseInfo]]:
    """Importers take a few import flows each (the demo importer: Thai fruit); exporters ship vegetables."""
    by_flow: dict[int, list[EnterpriseInfo]] = {i: [] for i in range(len(FLOWS))}
    imports = [i for i, f in enumerate(FLOWS) if COMMODITIES[f.commodity].direction == "import"]
    exports = [i for i, f in enumerate(FLOWS) if COMMODITIES[f.commodity].direction == "export"]
    weights = [FLOWS[i].weight for i in imports]
    for n, firm in enumerate(e for e in bureau.enterprises if e.kind == "importer"):
        if n == 0:
            chosen = {i for i in imports if FLOWS[i].origin == "TH"}
        else:
            chosen = set(rng.choices(imports, weights, k=rng.randint(1, 3)))
        for i in sorted(chosen):
            by_flow[i].append(firm)
    importers = [e for e in bureau.enterprises if e.kind == "importer"]
    for i in imports:
        while len(by_flow[i]) < 2:
            by_flow[i].append(rng.choice(importers))
    for i in exports:
        by_flow[i] = [e for e in bureau.enterprises if e.kind == "exporter"]
    return by_flow


def _base_picker(bases: list[BaseInfo], rng: random.Random) -> Picker:
    order = list(bases)
    rng.shuffle(order)
    return Picker(order, zipf(len(order), 0.5))


def build_plan(bureau: Bureau, rng: random.Random) -> list[FlowPlan]:
    port_ids = {code: unit.pk for code, unit in bureau.orgs.items()}
    firms = _assign_firms(bureau, rng)
    plans = []
    for i, flow in enumerate(FLOWS):
        commodity = COMMODITIES[flow.commodity]
        pests = REQUIREMENT_PESTS.get((commodity.hs, flow.origin), [])
        bases = {
            kind: _base_picker(
                [
                    b
                    for b in bureau.bases
                    if b.country == flow.origin and b.kind == kind and flow.commodity in b.commodities
                ],
                rng,
            )
            for kind in commodity.base_kinds
        }
        p = commodity.nc_rate
        host = commodity.fruit_fly_host and flow.origin in TROPICAL
        # Planococcus mealybugs dominate Thai durian findings: earlier pests in the list weigh more.
        plans.append(
            FlowPlan(
                flow=flow,
                commodity=commodity,
                ports=Picker(
                    [(code, port_ids[code], reference.PORT_TRANSPORT[code]) for code in flow.ports],
                    flow.ports.values(),
                ),
                firms=Picker(firms[i], zipf(len(firms[i]))),
                bases=bases,
                pests=[(code, _finding_text(code, "pest")) for code in pests],
                hazards=[
                    (code, _finding_text(code, "hazard"))
                    for code in commodity.hazards
                    if code not in LABEL_HAZARDS
                ],
                labels=[(code, _finding_text(code, "label")) for code in LABEL_HAZARDS],
                logit=math.log(p / (1 - p)) + ORIGIN_EFFECT.get(flow.origin, 0.0),
                season_effect=tuple(FRUIT_FLY_SEASON.get(m, 0.0) if host else 0.0 for m in range(1, 13)),
                instruction=_instruction(commodity, pests, flow.origin),
            )
        )
    for plan in plans:
        mates = [
            o
            for o in plans
            if o is not plan
            and o.flow.origin == plan.flow.origin
            and o.commodity.direction == plan.commodity.direction
            and o.commodity.base_kinds == plan.commodity.base_kinds
            and o.commodity.unit != "bag"
        ]
        plan.companions = [[o for o in mates if o.flow.season[m] >= 1.0] for m in range(12)]
    return plans


def month_pickers(plans: list[FlowPlan]) -> list[Picker]:
    """For each month, a picker of flows weighted by volume and season."""
    return [Picker(plans, [p.flow.weight * p.flow.season[m] for p in plans]) for m in range(12)]
