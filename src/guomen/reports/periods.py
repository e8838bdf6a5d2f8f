"""Reporting periods: calendar months (统计月份), with the month before and the same month a year earlier."""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

PERIOD_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str | None, *, field: str = "period") -> "Period":
        """A period from "2026-09"; empty text means the current month."""
        if not text:
            return cls.current()
        match = PERIOD_RE.match(text.strip())
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1990:
            raise ValidationFailed(fields={field: [_("Enter a month as YYYY-MM, for example 2026-09.")]})
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def current(cls) -> "Period":
        today = timezone.localdate()
        return cls(today.year, today.month)

    @classmethod
    def of(cls, day: dt.date) -> "Period":
        return cls(day.year, day.month)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period (exclusive bound)."""
        return self.shift(1).start

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return _("%(year)d-%(month)02d") % {"year": self.year, "month": self.month}

    def shift(self, months: int) -> "Period":
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1)

    def previous(self) -> "Period":
        return self.shift(-1)

    def year_ago(self) -> "Period":
        return self.shift(-12)

    def trailing(self, months: int) -> list["Period"]:
        """The `months` periods ending with this one, oldest first."""
        return [self.shift(-i) for i in range(months - 1, -1, -1)]

    def __str__(self) -> str:
        return self.key
