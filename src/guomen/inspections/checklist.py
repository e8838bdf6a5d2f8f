"""The checklist (查验项目) of a task, built from the import requirement, the declaration and its hazards, and for
an export from what its destination demands (`exports.requirements`, each item with its source).

Items are built when the page is shown; the results the inspector records are stored as ChecklistItem
rows and laid over the built list (by code), so a requirement edited later never loses a recorded result.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.declarations.choices import Direction, DocumentType
from guomen.exports.requirements import destination_checks

from .choices import CheckKind, CheckResult
from .models import ChecklistItem

CERTIFICATE_TYPES = {"phytosanitary_certificate", "health_certificate", "certificate_of_origin"}
GENERAL_PHYSICAL = (
    (
        "phys.decay",
        gettext_lazy("Decay, rot and mechanical damage"),
        gettext_lazy("Open cartons from several layers; cut suspect fruit."),
    ),
    (
        "phys.soil",
        gettext_lazy("Soil, leaves, weeds and plant debris"),
        gettext_lazy("Check carton bottoms, crates and the floor of the load."),
    ),
    (
        "phys.packaging",
        gettext_lazy("Packaging clean, new and free of pests"),
        gettext_lazy("Look for holes, frass and insects in the packing."),
    ),
)


def _item(kind, code, title, hint="", hazard=None, result="") -> ChecklistItem:
    """An item; one built with a result is a fact of the declaration that the inspector cannot change."""
    item = ChecklistItem(kind=kind, code=code, title=title[:255], hint=hint, hazard=hazard, result=result)
    item.fixed = bool(result)
    return item


def _missing_documents(declaration, requirements) -> list[tuple[str, str]]:
    """(type, label) of each document type the requirements demand that the declaration lacks."""
    have = {d.type for d in declaration.documents.all()}
    labels = dict(DocumentType.choices)
    missing = []
    for req in requirements:
        for kind in getattr(req, "required_documents", None) or []:
            if kind not in have and kind not in dict(missing):
                missing.append((kind, str(labels.get(kind, kind))))
    return missing


def _documentary(declaration, requirements, mismatches) -> list[ChecklistItem]:
    items = []
    for doc in declaration.documents.all():
        if doc.type in CERTIFICATE_TYPES:
            title = _("%(type)s %(number)s: number, dates and issuer match the declaration") % {
                "type": doc.get_type_display(),
                "number": doc.number,
            }
            hint = _("Issued before shipment; consignor, origin and quantity as declared.")
            items.append(_item(CheckKind.DOCUMENTARY, f"doc.{doc.pk}", title, hint))
    missing = _missing_documents(declaration, requirements)
    for kind, label in missing:
        items.append(
            _item(
                CheckKind.DOCUMENTARY,
                f"doc.missing.{kind}",
                _("Missing: %(document)s") % {"document": label},
                _("The import requirement demands it and it is not on the declaration."),
                result=CheckResult.NON_CONFORM,
            )
        )
    if not items:
        items.append(
            _item(
                CheckKind.DOCUMENTARY,
                "doc.certificate",
                _("No certificate is on the declaration: check whether these goods need one"),
            )
        )
    for req in requirements:
        if not req.access_granted:
            items.append(
                _item(
                    CheckKind.DOCUMENTARY,
                    f"doc.access.{req.pk}",
                    _("Market access for %(goods)s from %(origin)s")
                    % {
                        "goods": req.hs.display_name,
                        "origin": req.origin.display_name,
                    },
                    _("Access is not granted: the goods may not enter."),
                    result=CheckResult.NON_CONFORM,
                )
            )
        if req.required_treatment:
            items.append(
                _item(
                    CheckKind.DOCUMENTARY,
                    f"doc.treatment.{req.pk}",
                    _("Treatment record: %(t)s") % {"t": req.required_treatment},
                    _("Treatment, dose or temperature, duration and date are on the certificate."),
                )
            )
    for i, text in enumerate(mismatches):
        items.append(
            _item(
                CheckKind.DOCUMENTARY,
                f"ephyto.{i}",
                _("ePhyto certificate: %(problem)s") % {"problem": text},
                _("The electronic certificate differs from the declaration."),
                result=CheckResult.NON_CONFORM,
            )
        )
    return items


def _identity(declaration, requirements) -> list[ChecklistItem]:
    items = []
    for line in declaration.lines.all():
        items.append(
            _item(
                CheckKind.IDENTITY,
                f"id.goods.{line.line_no}",
                _("Goods, quantity and packing as declared: %(desc)s %(qty)s %(unit)s")
                % {
                    "desc": line.description,
                    "qty": format(line.quantity.normalize(), "f"),
                    "unit": line.unit,
                },
            )
        )
    for req in requirements:
        if req.marking:
            items.append(
                _item(
                    CheckKind.IDENTITY,
                    f"id.marking.{req.pk}",
                    _("Cartons marked “%(marking)s”") % {"marking": req.marking},
                    _("In Chinese, on every carton, legible."),
                )
            )
    codes = sorted({b.code for line in declaration.lines.all() for b in line.production_bases.all()})
    for code in codes:
        items.append(
            _item(
                CheckKind.IDENTITY,
                f"id.base.{code}",
                _("Orchard / packhouse code %(code)s printed on the cartons") % {"code": code},
                _("Codes on the cartons match the registered production bases declared."),
            )
        )
    if not codes and any(r.registered_base_required for r in requirements):
        items.append(
            _item(
                CheckKind.IDENTITY,
                "id.base.missing",
                _("Registered orchard / packhouse code declared"),
                _("The requirement demands registered production bases but none is declared."),
                result=CheckResult.NON_CONFORM,
            )
        )
    return items


def _physical(requirements) -> list[ChecklistItem]:
    items = []
    seen = set()
    for req in requirements:
        for pest in req.pests.all():
            if pest.pk in seen:
                continue
            seen.add(pest.pk)
            name = pest.name_zh + (f" ({pest.scientific_name})" if pest.scientific_name else "")
            items.append(
                _item(
                    CheckKind.PHYSICAL,
                    f"pest.{pest.code}",
                    _("Quarantine pest: %(name)s") % {"name": name},
                    pest.photo_hint or pest.description,
                    hazard=pest,
                )
            )
    for code, title, hint in GENERAL_PHYSICAL:
        items.append(_item(CheckKind.PHYSICAL, code, str(title), str(hint)))
    return items


def _destination(declaration, channel) -> list[ChecklistItem]:
    """What the destination of an export demands of its goods (exports.requirements), with the source."""
    if declaration.direction != Direction.EXPORT or not declaration.destination_country_id:
        return []
    country = declaration.destination_country
    items = []
    for check in destination_checks(
        declaration.destination_country_id,
        [line.hs_id for line in declaration.lines.all()],
        name=country.display_name if country else "",
    ):
        if check.kind == CheckKind.PHYSICAL and channel == "document":
            continue
        item = _item(check.kind, check.code, check.title, check.hint)
        item.source = check.source
        items.append(item)
    return items


def checklist_build(task, requirements, mismatches=()) -> list[ChecklistItem]:
    """The items this task must check, with any results already recorded laid over them."""
    declaration = task.declaration
    items = _documentary(declaration, requirements, list(mismatches)) + _identity(declaration, requirements)
    if task.channel != "document":
        items += _physical(requirements)
    items += _destination(declaration, task.channel)
    recorded = {c.code: c for c in task.checklist.all()} if task.pk else {}
    for position, item in enumerate(items):
        item.position = position
        item.task = task
        stored = recorded.pop(item.code, None)
        if stored is not None:
            item.pk, item.result, item.note = stored.pk, stored.result, stored.note
    items += sorted(recorded.values(), key=lambda c: c.position)
    return items
