"""An export in the bulk intake file: its consignee abroad on its first row, its production batches in the
`batch_numbers` column; a refusal names the row and the column, and nothing is imported."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from guomen.clearance.bulk import COLUMNS, declaration_bulk_import
from guomen.declarations.models import Declaration
from guomen.exports.models import DeclarationBatch

from .factories import make_batch, make_site

pytestmark = pytest.mark.django_db


def _row(exporter, **values) -> dict:
    row = {
        "ref": "E1",
        "direction": "export",
        "port": "WJD",
        "declarant_uscc": exporter.uscc,
        "consignor_name": exporter.name_zh,
        "origin_country": "CN",
        "destination_country": "JP",
        "foreign_consignee_name": "Tokyo Seika Trading K.K.",
        "foreign_consignee_address": "3-2-1 Toyosu, Koto-ku, Tokyo",
        "foreign_consignee_country": "JP",
        "transport": "truck",
        "arrival_date": timezone.localdate().isoformat(),
        "hs_code": "081090",
        "description": "鲜荔枝",
        "quantity": "500",
        "unit": "kg",
        "net_weight_kg": "500",
        "value": "2000",
        "currency": "USD",
    }
    row.update(values)
    return row


def _file(rows, header=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(c, "") for c in COLUMNS])
    return out.getvalue().encode("utf-8")


@pytest.fixture
def jp_site(exporter):
    return make_site(exporter, hk_macao=False, number="SZCK20260009")


def test_an_export_row_names_its_batches_and_its_consignee_abroad(exporter, exporter_user, jp_site):
    first = make_batch(jp_site, destination="JP")
    second = make_batch(jp_site, destination="JP", number="PCWJD202612060002")
    data = _file(
        [
            _row(exporter, batch_numbers=first.number),
            _row(exporter, batch_numbers=f"{second.number}，{first.number}", description="鲜荔枝（冰鲜）"),
        ]
    )
    report = declaration_bulk_import(data=data, filename="e.csv", actor=exporter_user)
    assert report.ok, report.errors
    declaration = Declaration.objects.get()
    batches = DeclarationBatch.objects.filter(declaration=declaration).order_by("id")
    assert [link.batch_id for link in batches] == [first.pk, second.pk]
    assert (
        declaration.foreign_consignee_name,
        declaration.foreign_consignee_country,
    ) == ("Tokyo Seika Trading K.K.", "JP")


def test_an_unknown_batch_is_reported_on_its_row_in_chinese_and_nothing_is_saved(
    exporter, exporter_user, jp_site
):
    batch = make_batch(jp_site, destination="JP")
    data = _file(
        [
            _row(exporter, batch_numbers=batch.number),
            _row(exporter, batch_numbers="PCWJD209901010001", description="鲜荔枝（冰鲜）"),
        ]
    )
    client = Client()
    client.force_login(exporter_user)
    response = client.post(
        "/declarations/import/",
        {"file": SimpleUploadedFile("e.csv", data)},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 422
    (error,) = response.context["report"].errors
    assert (error.row, error.field) == (3, "batch_numbers")
    assert "PCWJD209901010001" in error.message and "批次" in error.message
    assert not Declaration.objects.exists() and not DeclarationBatch.objects.exists()


def test_an_unknown_country_of_the_consignee_abroad_names_the_column(exporter, exporter_user, jp_site):
    data = _file([_row(exporter, foreign_consignee_country="XX")])
    report = declaration_bulk_import(data=data, filename="e.csv", actor=exporter_user)
    assert [(e.row, e.field) for e in report.errors] == [(2, "foreign_consignee_country")]
    assert not Declaration.objects.exists()


def test_a_plant_export_without_its_consignee_abroad_is_refused(exporter, exporter_user, jp_site):
    data = _file(
        [
            _row(
                exporter,
                foreign_consignee_name="",
                foreign_consignee_address="",
                foreign_consignee_country="",
            )
        ]
    )
    report = declaration_bulk_import(data=data, filename="e.csv", actor=exporter_user)
    assert {e.field for e in report.errors} == {
        "foreign_consignee_name",
        "foreign_consignee_address",
        "foreign_consignee_country",
    }
    assert {e.row for e in report.errors} == {2} and not Declaration.objects.exists()


def test_the_template_names_the_new_columns_in_chinese_and_reads_back(exporter, exporter_user, jp_site):
    client = Client()
    client.force_login(exporter_user)
    template = client.get("/declarations/import/template/").content.decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(template)))
    assert "batch_numbers（出口生产批次号）" in header and "foreign_consignee_name（境外收货人）" in header
    batch = make_batch(jp_site, destination="JP")
    data = _file([_row(exporter, batch_numbers=batch.number)], header=header)
    report = declaration_bulk_import(data=data, filename="e.csv", actor=exporter_user)
    assert report.ok, report.errors
    assert DeclarationBatch.objects.get().batch_id == batch.pk
