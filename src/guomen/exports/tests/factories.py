"""The export chain as tests build it: a registered lychee orchard of a Shenzhen exporter supplying Hong Kong."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.exports.models import ExportSite, InputRecord, ProductionBatch
from guomen.registry.tests.factories import EnterpriseFactory

__all__ = [
    "EnterpriseFactory",
    "export_declaration",
    "lychee",
    "make_batch",
    "make_input",
    "make_site",
    "places",
]


def places():
    """Hong Kong, Japan and China (the origin of exports), and lychees (HS 081090)."""
    return {
        "HK": CountryFactory(code="HK", alpha3="HKG", name_zh="中国香港", name_en="Hong Kong"),
        "JP": CountryFactory(code="JP", alpha3="JPN", name_zh="日本", name_en="Japan"),
        "CN": CountryFactory(code="CN"),
    }


def lychee():
    return HsCodeFactory(code="081090", name_en="Other fruit, fresh (lychees)", name_zh="鲜荔枝")


def make_site(
    enterprise, *, status="registered", hk_macao=True, number="SZCK20260001", **kwargs
) -> ExportSite:
    places()
    site = ExportSite.objects.create(
        name=kwargs.pop("name", "增城荔枝种植基地"),
        kind=kwargs.pop("kind", "planting"),
        enterprise=enterprise,
        org=kwargs.pop("org", enterprise.org),
        address="广州市增城区仙村镇",
        hk_macao=hk_macao,
        status=status,
        status_reason="农残超标" if status == "suspended" else "",
        registration_number=number if status in ("registered", "suspended") else "",
        registered_on=dt.date(2025, 3, 1) if status in ("registered", "suspended") else None,
        **kwargs,
    )
    site.commodities.set([lychee()])
    site.destinations.set(["HK", "JP"])
    return site


def make_input(
    site, *, substance="imidacloprid", days_ago=30, withdrawal_days=7, kind="pesticide"
) -> InputRecord:
    return InputRecord.objects.create(
        site=site,
        kind=kind,
        product="吡虫啉可湿性粉剂",
        substance=substance,
        dose=Decimal("1.5"),
        unit="kg/ha",
        used_on=timezone.localdate() - dt.timedelta(days=days_ago),
        withdrawal_days=withdrawal_days,
    )


def make_batch(site, *, number="PCWJD202612060001", flagged=False, destination="HK") -> ProductionBatch:
    return ProductionBatch.objects.create(
        number=number,
        site=site,
        commodity=lychee(),
        quantity=Decimal("5000"),
        harvested_on=timezone.localdate() - dt.timedelta(days=1),
        destination_id=destination,
        flagged=flagged,
        flag_reasons=[
            {
                "code": "banned",
                "substance": "malachite_green",
                "product": "孔雀石绿",
                "used_on": "2026-11-01",
                "destination": destination,
                "input": 0,
            }
        ]
        if flagged
        else [],
    )


def export_declaration(port, declarant, **kwargs):
    places()
    return DeclarationFactory(
        port=port,
        declarant=declarant,
        direction=kwargs.pop("direction", "export"),
        origin_country_id="CN",
        destination_country_id=kwargs.pop("destination", "HK"),
        consignor_name=declarant.name_zh,
        **kwargs,
    )
