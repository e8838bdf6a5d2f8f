"""The sample label scans: its QR is a regular QR symbol (not Micro QR, which phone scanners cannot read),
error correction M or better, and decodes from the rendered PDF at phone-camera resolution (150 dpi).

The phone scanner (inspections/static/inspections/scan.js) uses the browser's BarcodeDetector or the vendored
html5-qrcode, both of which read regular QR only; the check below decodes with ZXing (zxing-cpp, the C++ port
of the library html5-qrcode is built on) restricted to the regular QR format.
"""

import subprocess

import pytest
import segno
import zxingcpp
from django.urls import reverse
from PIL import Image

from guomen.core.qr import qr_code
from guomen.labs.tests.factories import register

pytestmark = pytest.mark.django_db


def _pdf_to_image(pdf: bytes, tmp_path, dpi: int = 150) -> Image.Image:
    source = tmp_path / "label.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(source), str(tmp_path / "label")],
        check=True,
        timeout=120,
    )
    return Image.open(tmp_path / "label.png").convert("L")


def test_short_codes_get_a_regular_qr_with_error_correction_m_or_better():
    default = segno.make("YP1")  # what segno picks on its own for short data
    ours = qr_code("YP1")
    assert default.is_micro  # the trap the labels fell into
    assert not ours.is_micro and ours.error in ("M", "Q", "H")


def test_the_rendered_label_decodes_as_a_regular_qr_at_phone_resolution(
    client, task, inspector, lab, tmp_path
):
    sample = register(task, inspector, lab)
    client.force_login(inspector)
    pdf = client.get(reverse("labs:sample_label", args=[sample.pk])).content
    image = _pdf_to_image(pdf, tmp_path)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in found] == [sample.number]
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode


def test_the_decoded_label_opens_the_sample_by_scan(client, task, inspector, lab, tmp_path):
    sample = register(task, inspector, lab)
    client.force_login(inspector)
    image = _pdf_to_image(client.get(reverse("labs:sample_label", args=[sample.pk])).content, tmp_path)
    [code] = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    response = client.post(
        reverse("labs:custody", args=[sample.pk]), {"code": code.text, "expected_version": sample.version}
    )
    sample.refresh_from_db()
    assert response.status_code == 302 and sample.status == "sealed"
