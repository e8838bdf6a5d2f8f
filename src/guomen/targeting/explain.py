"""A decision explained in words for analysts: what fired, the score and the features that moved it."""

import math

from django.utils.translation import gettext_lazy as _

from .choices import CHANNEL_SHORT_LABELS, MeasureScope
from .reasons import warning_text

FEATURE_WORDS = {
    "trader_n": (_("Results on file for the enterprise"), "count"),
    "trader_rate": (_("Enterprise's non-conformity rate so far"), "rate"),
    "trader_days": (_("Days since the enterprise's last result"), "days"),
    "trader_nc_days": (_("Days since the enterprise's last non-conformity"), "days"),
    "base_n": (_("Results on file for the production base"), "count"),
    "base_rate": (_("Production base's non-conformity rate so far"), "rate"),
    "flow_n": (_("Results on file for this origin and commodity"), "count"),
    "flow_rate": (_("Non-conformity rate of this origin and commodity"), "rate"),
    "port_n": (_("Results on file at this port"), "count"),
    "port_rate": (_("Non-conformity rate at this port"), "rate"),
    "notices_90d": (_("Foreign notifications on this origin and group in 90 days"), "count"),
    "month": (_("Month (season)"), "count"),
    "value_ratio": (_("Value per kg against the commodity's usual value"), "ratio"),
    "weight_ratio": (_("Weight against the commodity's usual weight"), "ratio"),
    "credit": (_("Credit grade"), "grade"),
    "klass": (_("Enterprise class"), "class"),
    "lines": (_("Number of lines"), "count"),
    "export": (_("Export"), "flag"),
    "transport": (_("Transport"), "text"),
    "origin": (_("Origin"), "text"),
    "group": (_("Commodity group"), "text"),
    "hs4": (_("HS heading"), "text"),
}
GRADES = ["AA", "A", "B", "C", "D"]


def feature_label(name: str) -> str:
    """A model feature in words (trader_n → 企业已有检测结果数); an unknown feature keeps its name."""
    words = FEATURE_WORDS.get(name)
    return str(words[0]) if words else name


CLASSES = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _value(kind: str, value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return str(_("unknown"))
    if kind == "rate":
        return f"{float(value):.1%}"
    if kind == "days":
        return f"{float(value):.0f}"
    if kind == "ratio":
        return f"×{math.exp(float(value)):.2f}"
    if kind == "grade":
        return GRADES[int(value)] if 0 <= int(value) < len(GRADES) else str(value)
    if kind == "class":
        return CLASSES.get(int(value), str(value))
    if kind == "flag":
        return str(_("yes")) if value else str(_("no"))
    if kind == "count":
        return f"{float(value):.0f}"
    return str(value)


def contribution_words(item: dict) -> str:
    label, kind = FEATURE_WORDS.get(item["feature"], (item["feature"], "text"))
    direction = _("raises the risk") if item["contribution"] > 0 else _("lowers the risk")
    return _("%(label)s: %(value)s — %(direction)s") % {
        "label": label,
        "value": _value(kind, item.get("value")),
        "direction": direction,
    }


def explanation_lines(decision) -> dict:
    """Everything an analyst needs to understand a decision, as lists of sentences."""
    ex = decision.explanation or {}
    rules = [
        _("Rule “%(name)s” (%(pct)s%%): %(channel)s — %(drawn)s")
        % {
            "name": r["name"],
            "pct": r["percentage"],
            "channel": CHANNEL_SHORT_LABELS.get(r["channel"], r["channel"]),
            "drawn": _("drawn") if r["drawn"] else _("not drawn"),
        }
        for r in ex.get("rules", [])
    ]
    scopes = dict(MeasureScope.choices)
    measures = [
        _("Tightened inspection #%(id)s (%(scope)s %(target)s), %(left)s consignments left")
        % {
            "id": m["id"],
            "scope": scopes.get(m["scope"], m["scope"]),
            "target": m["target"],
            "left": m["remaining"],
        }
        for m in ex.get("measures", [])
    ]
    floors = [
        _("%(text)s: at least %(channel)s for %(rate)s — %(drawn)s")
        % {
            "text": f["text"],
            "channel": CHANNEL_SHORT_LABELS.get(f["channel"], f["channel"]),
            "rate": f"{f['rate']:.0%}",
            "drawn": _("drawn") if f["drawn"] else _("not drawn"),
        }
        for f in ex.get("floors", [])
    ]
    level = ex.get("level")
    level_line = (
        _("Frequency level %(level)s for %(origin)s × %(group)s: %(rate)s physical — %(drawn)s")
        % {
            "level": level["level"],
            "origin": level["origin"],
            "group": level["group"],
            "rate": f"{level['rate']:.0%}",
            "drawn": _("drawn") if level["drawn"] else _("not drawn"),
        }
        if level
        else ""
    )
    model = ex.get("model") or {}
    capacity = ex.get("capacity") or {}
    return {
        "rules": rules,
        "measures": measures,
        "floors": floors,
        "level": level_line,
        "random": bool(ex.get("random")),
        "model": model,
        "contributions": [contribution_words(c) for c in model.get("contributions", [])],
        "capacity": capacity,
        "warnings": [warning_text(w) for w in decision.warnings or []],
    }
