"""Working days for reply deadlines: weekends and configured public holidays do not count."""

import datetime as dt

from django.conf import settings


def holidays() -> set[dt.date]:
    return {dt.date.fromisoformat(str(d)) for d in getattr(settings, "GUOMEN_HOLIDAYS", ())}


def extra_workdays() -> set[dt.date]:
    """Weekend days worked in lieu of a holiday (调休)."""
    return {dt.date.fromisoformat(str(d)) for d in getattr(settings, "GUOMEN_EXTRA_WORKDAYS", ())}


def is_working_day(day: dt.date, off=None, on=None) -> bool:
    off = holidays() if off is None else off
    on = extra_workdays() if on is None else on
    return day in on or (day.weekday() < 5 and day not in off)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the day of receipt does not count)."""
    off, on = holidays(), extra_workdays()
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, off, on):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    off, on = holidays(), extra_workdays()
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(n), off, on)
    )


def response_days() -> int:
    return int(getattr(settings, "COMPLAINTS_RESPONSE_WORKING_DAYS", 15))


def reminder_days() -> int:
    return int(getattr(settings, "COMPLAINTS_REMINDER_WORKING_DAYS", 3))
