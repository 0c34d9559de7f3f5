"""Time for fake conversations: LivePerson time strings and when conversations start.

`ts` is on the hot path (a record carries about forty time strings), so it never builds a
datetime: the "date hour:minute" part is cached per minute and the rest comes from a table of
the 60,000 milliseconds of a minute.

Start times follow three rhythms, all in UTC: a daily one (quiet nights, a late-morning and an
evening peak), a weekly one (weekends lower) and mild linear growth (the last day of the window
sees about 50 % more traffic than the first).
"""

from __future__ import annotations

import random
import time
from bisect import bisect
from functools import lru_cache
from itertools import accumulate

SECOND_MS = 1_000
MINUTE_MS = 60_000
HOUR_MS = 3_600_000
DAY_MS = 86_400_000
MONTH_MS = 2_629_746_000  # an average Gregorian month
GROWTH = 0.5  # traffic at the end of the window relative to its start, minus one

# Relative traffic per UTC hour: night trough, peaks at 10-12 and 18-20.
HOUR_WEIGHTS = (
    0.18, 0.12, 0.09, 0.08, 0.09, 0.14, 0.25, 0.42, 0.62, 0.82, 0.97, 1.00,
    0.94, 0.83, 0.76, 0.74, 0.78, 0.86, 0.95, 0.98, 0.90, 0.70, 0.45, 0.28,
)  # fmt: skip
# Monday first (1970-01-01, day 0, was a Thursday).
WEEKDAY_WEIGHTS = (1.00, 1.02, 1.00, 0.97, 0.92, 0.62, 0.52)

# "HH:mm:" per minute of a day and "SS.mmm+0000" per millisecond of a minute. One lookup in the
# 60,000-entry table is cheaper than two in small ones (under callgrind's cache simulation the
# extra last-level cache misses are negligible).
_HOUR_MINUTES = tuple(f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60))
_SECOND_MILLIS = tuple(
    second + milli
    for second in [f"{s:02d}." for s in range(60)]
    for milli in [f"{ms:03d}+0000" for ms in range(1000)]
)
_DAYS: dict[int, str] = {}
_MINUTES: dict[int, str] = {}
_MINUTES_KEPT = 50_000  # records come out in time order, so a cleared cache refills cheaply


def _minute_prefix(minute: int) -> str:
    day, minute_of_day = divmod(minute, 1440)
    date = _DAYS.get(day)
    if date is None:
        date = _DAYS[day] = time.strftime("%Y-%m-%d ", time.gmtime(day * 86_400))
    if len(_MINUTES) >= _MINUTES_KEPT:
        _MINUTES.clear()
    prefix = _MINUTES[minute] = date + _HOUR_MINUTES[minute_of_day]
    return prefix


def ts(ms: int) -> str:
    """Format epoch milliseconds as LivePerson does: ``2024-06-03 09:12:44.120+0000``."""
    minute = ms // 60_000
    prefix = _MINUTES.get(minute)
    if prefix is None:
        prefix = _minute_prefix(minute)
    return prefix + _SECOND_MILLIS[ms % 60_000]


def uuid4(rng: random.Random) -> str:
    """Return a version-4 UUID string drawn from `rng` (what uuid.UUID(int=..., version=4) gives,
    without the cost of building a UUID object)."""
    value = rng.getrandbits(128) & ~(0xC000 << 48) | (0x8000 << 48)
    value = value & ~(0xF000 << 64) | (4 << 76)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def weekday(ms: int) -> int:
    """Return the UTC weekday of an epoch-ms instant, Monday = 0."""
    return (ms // DAY_MS + 3) % 7


def window_start(now_ms: int, months: int) -> int:
    """Return the first instant of a window of `months` average months that ends at now."""
    return now_ms - months * MONTH_MS


def start_times(rng: random.Random, count: int, *, now_ms: int, months: int) -> list[int]:
    """Draw `count` conversation start times in the window, sorted.

    Each UTC hour of the window gets a weight (growth x hour of day x day of week); a start is
    an hour drawn by weight, then a uniform instant inside it. The last second before now is
    left out so that the first message (a moment after the start) is still in the past.
    """
    first = window_start(now_ms, months)
    last = now_ms - SECOND_MS
    first_hour = first // HOUR_MS
    cumulative = _hour_weights(first_hour, last // HOUR_MS)
    total = cumulative[-1]
    random_ = rng.random
    out: list[int] = []
    append = out.append
    while len(out) < count:
        hour = first_hour + bisect(cumulative, random_() * total)
        t = hour * HOUR_MS + int(random_() * HOUR_MS)
        if first <= t <= last:  # the two partial hours at the ends
            append(t)
    out.sort()
    return out


@lru_cache(maxsize=16)
def _hour_weights(first_hour: int, last_hour: int) -> tuple[float, ...]:
    """Cumulative weights of the window's hours (kept: loaders call with the same window)."""
    span = last_hour - first_hour + 1
    return tuple(
        accumulate(
            (1.0 + GROWTH * i / span) * HOUR_WEIGHTS[h % 24] * WEEKDAY_WEIGHTS[(h // 24 + 3) % 7]
            for i, h in enumerate(range(first_hour, last_hour + 1))
        )
    )


def open_probability(age_ms: int) -> float:
    """Return the chance that a conversation this old is still open at now.

    Messaging conversations that are minutes or hours old are mostly still going; a few days
    later almost all of them have been closed by someone or by the inactivity auto-close.
    """
    if age_ms < 6 * HOUR_MS:
        return 0.9
    if age_ms < DAY_MS:
        return 0.7
    if age_ms < 3 * DAY_MS:
        return 0.45
    if age_ms < 7 * DAY_MS:
        return 0.2
    if age_ms < 14 * DAY_MS:
        return 0.05
    return 0.0
