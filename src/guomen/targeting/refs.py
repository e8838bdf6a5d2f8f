"""Codes from the API and the command line turned into rows, with errors that name the field."""

from django.utils.translation import gettext as _

from guomen.accounts.models import OrgUnit
from guomen.catalog.models import CommodityGroup, Country
from guomen.core.errors import ValidationFailed
from guomen.registry.models import Enterprise, ProductionBase

LOOKUPS = {
    "origin": (Country, "code", lambda v: str(v).strip().upper()),
    "commodity_group": (CommodityGroup, "code", lambda v: str(v).strip()),
    "declarant": (Enterprise, "uscc", lambda v: str(v).strip().upper()),
    "consignee": (Enterprise, "uscc", lambda v: str(v).strip().upper()),
    "enterprise": (Enterprise, "uscc", lambda v: str(v).strip().upper()),
    "production_base": (ProductionBase, "code", lambda v: str(v).strip()),
    "port": (OrgUnit, "code", lambda v: str(v).strip().upper()),
}


def resolve(values: dict) -> dict:
    """Replace codes of the fields in LOOKUPS by their rows (None stays None); unknown codes are refused."""
    out, errors = dict(values), {}
    for name, (model, field, clean) in LOOKUPS.items():
        code = values.get(name)
        if code in (None, ""):
            if name in values:
                out[name] = None
            continue
        row = model.objects.filter(**{field: clean(code)}).first()
        if row is None:
            errors[name] = [_("Unknown code “%(code)s”.") % {"code": code}]
        out[name] = row
    if errors:
        raise ValidationFailed(fields=errors)
    return out
