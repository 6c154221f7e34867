"""Working days, as a promise to her counts them: Monday to Friday, without France's public holidays (the `holidays`
package: Easter Monday, Ascension, Whit Monday, 8 May…). A request received on the Friday before Easter is promised a
call back on the Tuesday after, not the Monday."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("FR", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`."""
    current, remaining = start, days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end`."""
    days, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            days += 1
    return days
