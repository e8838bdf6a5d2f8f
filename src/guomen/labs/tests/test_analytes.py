"""The lab's analyte list: accepted hazards by Chinese name with the English name beside it, never raw ids."""

import pytest
from django.urls import reverse

from guomen.catalog.tests.factories import HazardFactory
from guomen.labs.selectors import analytes_for

pytestmark = pytest.mark.django_db


def test_analytes_leave_out_hazards_to_review_and_read_chinese_first(client, lab_analyst):
    HazardFactory(
        code="CHLORP", kind="pesticide_residue", name_zh="毒死蜱", name_en="Chlorpyrifos", scientific_name=""
    )
    HazardFactory(
        code="rasff-abamectin-52e399", kind="pesticide_residue", name_zh="abamectin", needs_review=True
    )
    assert [h.code for h in analytes_for("pesticide_residues")] == ["CHLORP"]
    client.force_login(lab_analyst)
    page = client.get(reverse("labs:analyte_options"), {"test": "pesticide_residues"}).content.decode()
    assert ">毒死蜱（Chlorpyrifos）</option>" in page and "rasff-" not in page
