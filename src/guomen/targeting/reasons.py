"""Why a declaration got its channel: reason codes with translatable texts.

A reason is stored as {"code", "text", "params"}: `text` is rendered in the language active when the
decision was made; `reason_text()` renders it again in the reader's language from code and params.
"""

from django.utils.translation import gettext_lazy as _

from .choices import CHANNEL_SHORT_LABELS

REASON_TEXTS = {
    "rule": _("Rule “%(name)s” applies: %(channel)s."),
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


def _render(code: str, params: dict) -> str:
    values = dict(params)
    if "channel" in values:
        values["channel"] = str(CHANNEL_SHORT_LABELS.get(values["channel"], values["channel"]))
    return str(REASON_TEXTS[code]) % values


def make_reason(reason_code: str, **params) -> dict:
    params = {k: str(v) for k, v in params.items()}
    return {"code": reason_code, "text": _render(reason_code, params), "params": params}


def reason_text(reason: dict) -> str:
    """The reason's text in the current language (falls back to the stored text)."""
    if reason.get("code") not in REASON_TEXTS:
        return reason.get("text", "")
    try:
        return _render(reason["code"], reason.get("params") or {})
    except (KeyError, TypeError, ValueError):
        return reason.get("text", "")
