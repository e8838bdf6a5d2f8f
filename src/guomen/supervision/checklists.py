"""Checklists of special spot checks (专项监督抽查): a plan names one and every drawn check carries its items.

The general checklist comes from the spot-check rules (rules.py); the others are the special actions of the seed
reports, each meant for the enterprise types given with it (the plan's scope still decides who is drawn):
- imported cars' 三包 and recall checks of dealers, on the six aspects of the Ningbo report;
- the hot imported consumer goods rectification (Tianjin: air purifiers, smart toilet seats, diapers …);
- checks of inspection agencies' 验货 and 验厂 work (Shanghai's 口岸天平 action);
- hygiene of food businesses at the port; dangerous-goods packaging producers and users; solid-waste consignees.
Items are msgids: they read in the user's language on the pages and are stored in Chinese on the check.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChecklistKind(models.TextChoices):
    GENERAL = "general", _("General supervision checklist")
    CAR_THREE_GUARANTEES = "car_3r", _("Imported cars: three guarantees (三包) and recall")
    HOT_CONSUMER_GOODS = "hot_goods", _("Hot imported consumer goods rectification")
    INSPECTION_AGENCY = "agency", _("Inspection agency: goods and factory inspections (口岸天平)")
    PORT_FOOD_HYGIENE = "port_food", _("Food hygiene at the port")
    DG_PACKAGING = "dg_packaging", _("Dangerous goods and their packaging")
    WASTE_CONSIGNEE = "waste", _("Imported solid-waste consignee")


@dataclass(frozen=True)
class Checklist:
    kinds: tuple[str, ...]  # the enterprise types it is meant for
    items: tuple


CHECKLISTS: dict[str, Checklist] = {
    ChecklistKind.CAR_THREE_GUARANTEES: Checklist(("car_dealer",), (
        _("Receipt inspection of vehicles on arrival at the dealer"),
        _("Documents accompanying the imported vehicle"),
        _("Maintenance and service manuals clear and compliant"),
        _("Complaint handling complete"),
        _("Spare parts for repairs reasonably stocked"),
        _("Recall procedure in place and followed"),
    )),
    ChecklistKind.HOT_CONSUMER_GOODS: Checklist(("importer", "car_dealer"), (
        _("Product within the hot categories identified and declared correctly"),
        _("Chinese labels and instructions conform to national standards"),
        _("CCC certificate valid where compulsory certification applies"),
        _("Sample test results conform (safety and performance items)"),
        _("Sales and consumer complaint records allow tracing and recall"),
    )),
    ChecklistKind.INSPECTION_AGENCY: Checklist(("inspection_agency",), (
        _("Qualification and approved scope of the agency valid"),
        _("Goods inspections (验货) follow the procedure and the contract"),
        _("Factory audits (验厂) follow the procedure, records complete"),
        _("Certificates and reports issued truthfully and traceably"),
        _("Complaints against the agency handled"),
    )),
    ChecklistKind.PORT_FOOD_HYGIENE: Checklist(("port_food",), (
        _("Food hygiene licence valid and displayed"),
        _("Staff health certificates valid"),
        _("Raw materials purchased with inspection and traceability records"),
        _("Premises, storage and tableware disinfection hygienic"),
        _("Hygiene monitoring samples conform"),
    )),
    ChecklistKind.DG_PACKAGING: Checklist(("dg_packaging",), (
        _("Packaging performance inspection results valid for the packaging used"),
        _("Use inspection (使用鉴定) of packaging for the goods filled"),
        _("Packaging marks and UN codes correct"),
        _("Dangerous goods classified and labelled correctly"),
        _("Production or filling records and traceability complete"),
    )),
    ChecklistKind.WASTE_CONSIGNEE: Checklist(("waste_consignee",), (
        _("Consignee registration valid"),
        _("Imported waste raw materials match the registration and the permit"),
        _("Storage and processing premises as registered"),
        _("Pre-shipment inspection certificates on file"),
        _("Utilisation and disposal records complete"),
    )),
}  # fmt: skip


def checklist_items(kind: str, general: list[str]) -> list:
    """The items a plan's checks carry: its special checklist, or the general one from the rules."""
    if kind in CHECKLISTS:
        return list(CHECKLISTS[kind].items)
    return general
