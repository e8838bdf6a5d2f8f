"""The whole export process of the seed reports in one walk: a registered 供港 orchard, its input records and batch,
the export declaration naming the batch, 监装 on the phone, release → the phytosanitary certificate (PDF) and its
ePhyto (valid against the IPPC hub schema) → a Hong Kong notification quoting that certificate is matched to the
exporter → the trace-back case is closed with a rectification → 境外通报率 counts it."""

import pytest
from django.urls import reverse
from lxml import etree

from guomen.catalog.models import HsCode
from guomen.catalog.tests.factories import CommodityGroupFactory
from guomen.certificates.ephyto_out import hub_xml_schema
from guomen.certificates.models import ExportCertificate

from .test_export_chain import exporter_firm, walk_to_release  # noqa: F401 (the `exporter` fixture)
from .test_traceback_flow import kpi_counts, walk_trace_back

pytestmark = pytest.mark.django_db(transaction=True)


def test_farm_to_certificate_to_trace_back(
    phone, desk, exporter, inspector, supervisor, analyst, screenshot, tmp_path
):
    fruit = CommodityGroupFactory(code="fresh_fruit", name_zh="新鲜水果", hs_prefixes=["0810"])
    HsCode.objects.filter(code="081090").update(group=fruit)
    number = walk_to_release(phone, desk, exporter, screenshot, tmp_path)

    certificate = ExportCertificate.objects.get(declaration__number=number, kind="phytosanitary")
    desk.goto(reverse("certificates:detail", args=[certificate.number]))
    assert certificate.number in desk.locator("main").inner_text()
    screenshot(desk, "export-certificate")
    pdf = desk.request.get(reverse("certificates:pdf", args=[certificate.number]))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    xml = desk.request.get(reverse("certificates:ephyto", args=[certificate.number]))
    assert xml.status == 200
    hub_xml_schema().assertValid(etree.fromstring(xml.body()))

    case = walk_trace_back(
        desk,
        reference="CFS-2026-0100",
        subject="荔枝样本吡虫啉残留超标",
        group="fresh_fruit",
        operator=exporter.name_zh,
        numbers=certificate.number,
        exporter_login="exporter_demo",
    )
    kpi_counts(desk, case)
