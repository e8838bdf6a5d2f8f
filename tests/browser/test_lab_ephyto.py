"""ePhyto on a phone: upload the shared certificate for a declaration, read the certificate page, see the
mismatches on the declaration; a hostile file is refused with a plain message."""

import pytest

from guomen.declarations.tests.ephyto_factories import BILLION_LAUGHS, CERTIFICATE, matching_declaration

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_certificate_and_see_mismatches(phone, orgs, inspector, screenshot, tmp_path):
    declaration = matching_declaration(orgs["WJD"], origin="CL")
    login(phone, "inspector_wjd")
    phone.goto(f"/declarations/{declaration.number}/")
    phone.get_by_test_id("ephyto-upload-link").click()
    assert phone.locator("input[name=declaration]").input_value() == declaration.number
    phone.set_input_files("input[name=file]", str(CERTIFICATE))
    screenshot(phone, "ephyto-1-upload")
    phone.get_by_test_id("ephyto-submit").click()
    assert phone.get_by_test_id("ephyto-number").inner_text().strip() == "123ABC"
    mismatches = phone.get_by_test_id("ephyto-mismatch").all_inner_texts()
    assert any("AR" in m and "CL" in m for m in mismatches)
    assert any("EC" in m for m in mismatches)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(phone, "ephyto-2-certificate")

    phone.goto(f"/declarations/{declaration.number}/")
    assert len(phone.get_by_test_id("ephyto-mismatch").all()) == len(mismatches)
    screenshot(phone, "ephyto-3-declaration")

    bomb = tmp_path / "bomb.xml"
    bomb.write_bytes(BILLION_LAUGHS)
    phone.goto("/declarations/ephyto/")
    phone.set_input_files("input[name=file]", str(bomb))
    phone.get_by_test_id("ephyto-submit").click()
    assert "DOCTYPE" in phone.get_by_test_id("ephyto-problems").inner_text()
    screenshot(phone, "ephyto-4-refused")
