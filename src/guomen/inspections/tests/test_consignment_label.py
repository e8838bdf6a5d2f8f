"""The consignment label: a regular QR of the declaration number that decodes from the rendered PDF at phone
resolution (150 dpi) and that the scan page turns into the task."""

import subprocess

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from guomen.inspections.tests.factories import open_task

pytestmark = pytest.mark.django_db


def _decode(pdf: bytes, tmp_path) -> list:
    (tmp_path / "label.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-singlefile",
            str(tmp_path / "label.pdf"),
            str(tmp_path / "label"),
        ],
        check=True,
        timeout=120,
    )
    image = Image.open(tmp_path / "label.png").convert("L")
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def test_the_consignment_label_scans_to_its_task(client, orgs, inspector, tmp_path):
    task = open_task(orgs["WJD"])
    client.force_login(inspector)
    response = client.get(reverse("inspections:consignment_label", args=[task.pk]))
    assert response["Content-Type"] == "application/pdf"
    [code] = _decode(response.content, tmp_path)
    assert code.text == task.declaration.number
    scanned = client.get(reverse("inspections:scan"), {"code": code.text})
    assert scanned.status_code == 302 and scanned["Location"] == reverse(
        "inspections:task_detail", args=[task.pk]
    )


def test_another_jurisdiction_gets_no_label(client, orgs, other_inspector):
    task = open_task(orgs["WJD"])
    client.force_login(other_inspector)
    assert client.get(reverse("inspections:consignment_label", args=[task.pk])).status_code == 404
