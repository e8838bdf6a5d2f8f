import pytest

from guomen.core.errors import ValidationFailed
from guomen.risk.early_warnings import warning_create
from guomen.risk.measures import measure_add

from .factories import measure_data, warning_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def warning(rw):
    data = warning_data(rw, enterprise=rw["enterprise"], production_base=rw["base"])
    return warning_create(actor=rw["analyst"], data=data)


@pytest.mark.parametrize(
    ("scope", "enterprise", "base"),
    [("origin_commodity", False, False), ("enterprise", True, False), ("production_base", False, True)],
)
def test_tightened_inspection_acts_on_the_chosen_scope_only(rw, warning, scope, enterprise, base):
    measure = measure_add(
        warning=warning, actor=rw["analyst"], data=measure_data(rw, "tightened_inspection", scope=scope)
    )
    assert (measure.enterprise_id is not None, measure.production_base_id is not None) == (enterprise, base)


def test_without_a_scope_the_most_specific_subject_is_taken(rw, warning):
    measure = measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "suspension"))
    assert (measure.scope, measure.production_base, measure.enterprise) == (
        "production_base",
        rw["base"],
        None,
    )


def test_suspension_of_an_origin_is_refused(rw, warning):
    with pytest.raises(ValidationFailed) as exc:
        measure_add(
            warning=warning,
            actor=rw["analyst"],
            data=measure_data(rw, "suspension", scope="origin_commodity"),
        )
    assert "scope" in exc.value.fields
