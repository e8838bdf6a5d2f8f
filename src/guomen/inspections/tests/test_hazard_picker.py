"""The inspector's hazard picker offers accepted catalogue hazards only: foreign names waiting for review stay out."""

import pytest

from guomen.catalog.tests.factories import HazardFactory
from guomen.inspections import selectors

pytestmark = pytest.mark.django_db


def test_hazards_still_to_review_are_not_offered():
    accepted = HazardFactory(code="CHLORP", kind="pesticide_residue", name_zh="毒死蜱", needs_review=False)
    HazardFactory(
        code="rasff-abamectin-52e399", kind="pesticide_residue", name_zh="abamectin", needs_review=True
    )
    _concern, others = selectors.hazard_choices([])
    assert others == [accepted]
