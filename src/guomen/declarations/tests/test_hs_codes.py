"""HS codes on a declaration line: an unknown national code is refused with the nearest valid ones named."""

import pytest

from guomen.catalog.tests.factories import HsCodeFactory
from guomen.clearance.services import clearance_submit
from guomen.core.errors import ValidationFailed
from guomen.declarations.models import Declaration

from .factories import line_data, submission

pytestmark = pytest.mark.django_db


def test_unknown_ten_digit_code_is_refused_naming_the_nearest_valid_codes(world):
    HsCodeFactory(code="0810600010", parent_id="081060", name_zh="鲜榴莲（金枕）")
    HsCodeFactory(code="0810600090", parent_id="081060", name_zh="其他鲜榴莲")
    with pytest.raises(ValidationFailed) as caught:
        clearance_submit(
            actor=world["enterprise_user"],
            **submission(world, lines=[line_data(world, hs_code="0810600011")]),
        )
    (message,) = caught.value.fields["lines.0.hs_code"]
    assert "0810600011" in message and "0810600010 鲜榴莲（金枕）" in message
    assert message.index("0810600010") < message.index("0810600090")
    assert Declaration.objects.count() == 0
