import pytest

from guomen.targeting.draws import draw
from guomen.targeting.hooks import Floor, register_floor, unregister_floor

from .helpers import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def floor():
    registered = []

    def _register(fn):
        register_floor(fn)
        registered.append(fn)
        return fn

    yield _register
    for fn in registered:
        unregister_floor(fn)


def test_floor_at_full_rate_is_a_mandatory_minimum(world, floor):
    floor(lambda d: [Floor("physical", 1.0, "blacklist", "黑名单企业", {"uscc": d.declarant.uscc})])
    decision = submit(world).decision
    assert decision.channel == "physical"
    assert decision.mandatory
    assert decision.explanation["floors"][0]["code"] == "blacklist"
    assert "黑名单" not in decision.reasons[0]["text"]  # the criterion stays with analysts


def test_floor_draw_is_deterministic_per_declaration_number(world, floor):
    floor(lambda d: [Floor("physical", 0.5, "half", "一半", {})])
    decision = submit(world).decision
    expected = draw(decision.declaration.number, "floor:half") < 0.5
    assert decision.explanation["floors"][0]["drawn"] is expected
    assert (decision.channel == "physical") is expected


def test_failing_floor_never_blocks_intake(world, floor):
    def broken(declaration):
        raise RuntimeError("boom")

    floor(broken)
    decision = submit(world).decision
    assert decision.channel == "document"
    assert [w["code"] for w in decision.warnings][0] == "floor_failed"


def test_floor_refuses_a_rate_outside_zero_and_one():
    with pytest.raises(ValueError):
        Floor("physical", 1.5, "x", "x")
