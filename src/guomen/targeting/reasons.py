"""Why a declaration got its channel: reason codes with translatable texts.

A reason is stored as {"code", "text", "params"}: `text` is rendered in the language active when the
decision was made; `reason_text()` renders it again in the reader's language from code and params.
Reasons are what the bureau's inspectors and supervisors see (never an enterprise, its system clients or the
public: see `core.permissions.sees_targeting`), and even their texts never name a rule, a criterion or the
random draw ("Selected by risk targeting"); analysts read the explanation instead.
Warnings ({"code", "text", "params"} too) tell analysts what the engine could not use.
"""

from django.utils.translation import gettext_lazy as _

from .choices import CHANNEL_SHORT_LABELS

REASON_TEXTS = {
    "rule": _("Selected by risk targeting: %(channel)s."),
    "targeting": _("Selected by risk targeting: %(channel)s."),
    "measure": _("Tightened inspection in force: %(channel)s."),
    "rerouted": _("Re-routed by a supervisor: %(channel)s."),
    "historical_ratio": _("Historical targeting ratio for %(flow)s: %(channel)s."),
    "default_plant_animal": _("Plant or animal product (HS chapter %(chapter)s): document check by default."),
    "default_release": _("No targeting rule applies: release."),
    "base_suspended": _("Line %(line)s: production base %(code)s is suspended."),
    "base_revoked": _("Line %(line)s: production base %(code)s is revoked."),
    "no_access": _("Line %(line)s: HS %(hs)s from %(origin)s has no market access to China."),
    "unregistered_base": _(
        "Line %(line)s: HS %(hs)s from %(origin)s must come from a registered production base, "
        "and the line names no active base registered for it."
    ),
}
WARNING_TEXTS = {
    "no_live_model": _("No live risk model: the rules decided."),
    "model_unusable": _("The live model could not be used (%(error)s); the rules decided."),
    "unknown_code": _("The model has never seen %(feature)s “%(value)s”; it was scored as unknown."),
    "floor_failed": _("The floor “%(name)s” failed (%(error)s) and was skipped."),
}


def _render(texts: dict, code: str, params: dict) -> str:
    values = dict(params)
    if "channel" in values:
        values["channel"] = str(CHANNEL_SHORT_LABELS.get(values["channel"], values["channel"]))
    return str(texts[code]) % values


def make_reason(reason_code: str, **params) -> dict:
    params = {k: str(v) for k, v in params.items()}
    return {"code": reason_code, "text": _render(REASON_TEXTS, reason_code, params), "params": params}


def make_warning(code: str, **params) -> dict:
    params = {k: str(v)[:200] for k, v in params.items()}
    return {"code": code, "text": _render(WARNING_TEXTS, code, params), "params": params}


def _text(texts: dict, reason: dict) -> str:
    if reason.get("code") not in texts:
        return reason.get("text", "")
    try:
        return _render(texts, reason["code"], reason.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return reason.get("text", "")


def reason_text(reason: dict) -> str:
    """The reason's text in the current language (falls back to the stored text)."""
    return _text(REASON_TEXTS, reason)


def warning_text(warning: dict) -> str:
    return _text(WARNING_TEXTS, warning)
