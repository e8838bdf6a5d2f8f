import pytest

from guomen.accounts.choices import OrgKind
from guomen.accounts.models import OrgUnit
from guomen.core.errors import ValidationFailed
from guomen.demo.masterdata import Bureau
from guomen.demo.national import DISTRICTS, build_national_tree
from guomen.demo.services import seed_demo

pytestmark = pytest.mark.django_db


def test_the_national_tree_has_every_directly_run_district_with_a_branch_and_ports(orgs):
    bureau = Bureau(orgs=dict(orgs))

    added = build_national_tree(bureau)

    districts = OrgUnit.objects.filter(parent=orgs["GACC"], kind=OrgKind.BRANCH_BUREAU)
    assert districts.count() >= 40 and len(DISTRICTS) == 42
    assert added == 4 * (len(DISTRICTS) - 2)  # SZ and GZ were there already
    beijing = OrgUnit.objects.get(code="BJ")
    assert OrgUnit.objects.get(code="BJZB").path == "/GACC/BJ/BJKF/BJZB/"
    assert OrgUnit.objects.filter(path__startswith=beijing.path, kind=OrgKind.PORT).count() == 2


def test_an_unknown_size_is_refused_naming_the_choices(db):
    with pytest.raises(ValidationFailed) as refused:
        seed_demo(size="galactic")
    assert "national" in str(refused.value.fields["size"])
