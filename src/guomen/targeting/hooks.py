"""Floors other apps put under the engine: "this declaration gets at least this channel this often".

An app registers a function from its AppConfig.ready():

    from guomen.targeting.hooks import Floor, register_floor

    def blacklist_floor(declaration):
        if declaration.declarant.credit_grade == "D":
            return [Floor("physical", 0.8, "blacklist", "Blacklisted enterprise", {"uscc": "..."})]
        return []

    register_floor(blacklist_floor)

The engine calls every function for each declaration it decides and applies each floor as a mandatory
minimum: with probability `rate` the declaration gets at least `channel`. The draw is deterministic per
declaration number and floor code, so a replay of the same declaration gives the same answer. A floor
function that raises is skipped and the decision carries a warning; intake never fails because of it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .choices import Channel


@dataclass(frozen=True)
class Floor:
    channel: str
    rate: float
    code: str
    text: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.channel not in Channel.values:
            raise ValueError(f"unknown channel {self.channel!r}")
        if not 0.0 <= float(self.rate) <= 1.0:
            raise ValueError("a floor's rate is between 0 and 1")


FloorFunction = Callable[[object], list[Floor]]
_FLOORS: list[FloorFunction] = []


def register_floor(fn: FloorFunction) -> FloorFunction:
    """Register a floor function (once; registering the same function again changes nothing)."""
    if fn not in _FLOORS:
        _FLOORS.append(fn)
    return fn


def unregister_floor(fn: FloorFunction) -> None:
    if fn in _FLOORS:
        _FLOORS.remove(fn)


def registered_floors() -> list[FloorFunction]:
    return list(_FLOORS)
