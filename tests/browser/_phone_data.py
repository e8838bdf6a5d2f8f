"""Data shared by the phone browser tests: Thai durian at 文锦渡 with its requirement and orchard."""

import datetime as dt

from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)
from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory
from guomen.inspections.services import inspection_task_open
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory


def durian_requirement():
    thailand = CountryFactory(code="TH")
    hs = HsCodeFactory(code="081060")
    requirement = ImportRequirementFactory(
        hs=hs, origin=thailand, protocol="关于泰国鲜食榴莲输华植物检疫要求的公告"
    )
    requirement.pests.add(
        HazardFactory(
            code="PLANLI",
            name_zh="南洋臀纹粉蚧",
            scientific_name="Planococcus lilacinus",
            photo_hint="体被白色蜡粉，椭圆形，常聚集于果柄和果刺基部",
        ),
        HazardFactory(code="PLANMI", name_zh="大洋臀纹粉蚧", scientific_name="Planococcus minor"),
    )
    return requirement


def durian_task(port, *, number=None, container=None):
    """An open physical-inspection task for a truck of Thai durian arriving today at `port`."""
    importer = EnterpriseFactory(org=port.parent, name_zh="深圳市万家果业进出口有限公司", credit_grade="B")
    orchard = ProductionBaseFactory(country=CountryFactory(code="TH"), name="Chanthaburi Golden Orchard")
    orchard.commodities.add(HsCodeFactory(code="081060"))
    extra = {"number": number} if number else {}
    declaration = DeclarationFactory(
        port=port,
        status="under_inspection",
        channel="physical",
        declarant=importer,
        consignee=importer,
        transport_id=container or "",
        arrival_date=dt.date.today(),
        **extra,
    )
    line = DeclarationLineFactory(declaration=declaration, line_no=1)
    line.production_bases.add(orchard)
    declaration.documents.create(type="phytosanitary_certificate", number="TH-2026-000123")
    return inspection_task_open(
        declaration=declaration, channel="physical", instruction="开箱查验，重点检查粉蚧"
    )


def photo_file(tmp_path):
    """A camera-sized JPEG with EXIF, as a phone would take it."""
    import io

    from PIL import Image

    image = Image.new("RGB", (2400, 1800), (120, 160, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneCam"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    path = tmp_path / "mealybug.jpg"
    path.write_bytes(out.getvalue())
    return path
