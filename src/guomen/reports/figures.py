"""A rate is a numerator over a denominator; an empty period has no rate (shown as "—", never 0/0)."""

from dataclasses import dataclass

DASH = "—"


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        """The rate as a fraction, or None when the denominator is zero."""
        if not self.denominator:
            return None
        return self.numerator / self.denominator

    @property
    def percent(self) -> float | None:
        value = self.value
        return None if value is None else value * 100

    @property
    def display(self) -> str:
        return percent_text(self.percent)

    def as_dict(self) -> dict:
        return {"numerator": self.numerator, "denominator": self.denominator, "rate": self.value}


def percent_text(percent: float | None, digits: int = 2) -> str:
    return DASH if percent is None else f"{percent:.{digits}f}%"


@dataclass(frozen=True)
class Change:
    """A rate now against a reference period: the difference in percentage points (None when either is empty)."""

    current: Rate
    reference: Rate | None

    @property
    def points(self) -> float | None:
        if self.reference is None or self.current.percent is None or self.reference.percent is None:
            return None
        return self.current.percent - self.reference.percent

    @property
    def display(self) -> str:
        points = self.points
        if points is None:
            return DASH
        return f"{points:+.2f}"


def count_change(current: int, reference: int) -> float | None:
    """Relative change of a count in percent (None when the reference is zero)."""
    if not reference:
        return None
    return (current - reference) / reference * 100
