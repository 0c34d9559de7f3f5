"""Consumers: where they are, what they use to write, and who they are to the brand.

A consumer is made once and then comes back: each subscriber keeps its own pool, so that "get
conversations by consumer" finds several conversations of the same person, with the same name,
phone, customer id and (mostly) the same channel and device.
"""

from __future__ import annotations

import random
import time
from typing import NamedTuple

from seed.records.clock import DAY_MS, uuid4


class Geo(NamedTuple):
    """A place consumers write from."""

    country: str
    code: str
    state: str
    city: str
    time_zone: str
    language: str
    currency: str
    phone_prefix: str
    isps: tuple[str, ...]


_US_ISPS = ("Comcast Cable", "AT&T U-verse", "Verizon Fios", "Spectrum", "T-Mobile USA")
_GB_ISPS = ("BT", "Virgin Media", "Sky Broadband", "Vodafone UK")
GEOS: tuple[Geo, ...] = (
    Geo(
        "United States",
        "US",
        "New York",
        "New York",
        "America/New_York",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States",
        "US",
        "California",
        "Los Angeles",
        "America/Los_Angeles",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States",
        "US",
        "California",
        "San Francisco",
        "America/Los_Angeles",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States",
        "US",
        "Illinois",
        "Chicago",
        "America/Chicago",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States", "US", "Texas", "Austin", "America/Chicago", "en-US", "USD", "+1", _US_ISPS
    ),
    Geo(
        "United States", "US", "Texas", "Houston", "America/Chicago", "en-US", "USD", "+1", _US_ISPS
    ),
    Geo(
        "United States",
        "US",
        "Florida",
        "Miami",
        "America/New_York",
        "es-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States",
        "US",
        "Washington",
        "Seattle",
        "America/Los_Angeles",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States",
        "US",
        "Georgia",
        "Atlanta",
        "America/New_York",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United States",
        "US",
        "Colorado",
        "Denver",
        "America/Denver",
        "en-US",
        "USD",
        "+1",
        _US_ISPS,
    ),
    Geo(
        "United Kingdom",
        "GB",
        "England",
        "London",
        "Europe/London",
        "en-GB",
        "GBP",
        "+44",
        _GB_ISPS,
    ),
    Geo(
        "United Kingdom",
        "GB",
        "England",
        "Manchester",
        "Europe/London",
        "en-GB",
        "GBP",
        "+44",
        _GB_ISPS,
    ),
    Geo(
        "United Kingdom",
        "GB",
        "Scotland",
        "Edinburgh",
        "Europe/London",
        "en-GB",
        "GBP",
        "+44",
        _GB_ISPS,
    ),
    Geo(
        "Canada",
        "CA",
        "Ontario",
        "Toronto",
        "America/Toronto",
        "en-CA",
        "CAD",
        "+1",
        ("Rogers", "Bell Canada", "TELUS"),
    ),
    Geo(
        "Canada",
        "CA",
        "British Columbia",
        "Vancouver",
        "America/Vancouver",
        "en-CA",
        "CAD",
        "+1",
        ("Shaw Communications", "TELUS"),
    ),
    Geo(
        "Australia",
        "AU",
        "New South Wales",
        "Sydney",
        "Australia/Sydney",
        "en-AU",
        "AUD",
        "+61",
        ("Telstra", "Optus", "TPG"),
    ),
    Geo(
        "Australia",
        "AU",
        "Victoria",
        "Melbourne",
        "Australia/Melbourne",
        "en-AU",
        "AUD",
        "+61",
        ("Telstra", "Optus"),
    ),
    Geo(
        "Ireland",
        "IE",
        "Leinster",
        "Dublin",
        "Europe/Dublin",
        "en-IE",
        "EUR",
        "+353",
        ("Eir", "Virgin Media Ireland"),
    ),
)
GEO_WEIGHTS = (9, 8, 5, 6, 4, 4, 4, 4, 4, 3, 7, 3, 2, 4, 3, 3, 2, 2)

# Channel -> (device choices with weights). SMS and the social connectors do not tell the device.
SOURCES = ("SHARK", "APP", "SMS", "FACEBOOK", "WhatsApp Business", "Apple Business Chat")
SOURCE_WEIGHTS = (0.38, 0.22, 0.12, 0.08, 0.14, 0.06)
# Channels that tell the brand the consumer's name (web and SMS do not, unless logged in).
NAMED_SOURCES = frozenset(("APP", "FACEBOOK", "WhatsApp Business", "Apple Business Chat"))

_IPHONES = ("iPhone13,2", "iPhone14,2", "iPhone14,5", "iPhone15,3", "iPhone16,1")
_ANDROIDS = ("SM-G991B", "SM-S918B", "Pixel 7", "Pixel 8 Pro", "moto g power")
_IPADS = ("iPad13,4", "iPad14,1")
_ANDROID_TABLETS = ("SM-X200", "Lenovo TB-X606F")
_DESKTOP_BROWSERS = (
    ("Chrome", "124.0.6367.91"),
    ("Chrome", "126.0.6478.127"),
    ("Edge", "125.0.2535.67"),
    ("Firefox", "127.0"),
)


class Device(NamedTuple):
    """What the consumer writes from, as `info` and `monitoring` describe it."""

    device: str  # DESKTOP / TABLET / MOBILE / NA
    os: str
    os_version: str
    browser: str
    browser_version: str
    model: str  # "" when the device is not a phone or tablet


_NO_DEVICE = Device("NA", "NA", "", "NA", "", "")


def make_device(rng: random.Random, source: str) -> Device:
    """Draw a device that fits the channel (web has browsers, apps have phones, SMS nothing)."""
    r = rng.random()
    if source == "SHARK":
        if r < 0.55:
            if rng.random() < 0.72:
                name, version = rng.choice(_DESKTOP_BROWSERS)
                return Device("DESKTOP", "WINDOWS", "10", name, version, "")
            if rng.random() < 0.8:
                return Device("DESKTOP", "MAC_OSX", "14.5", "Safari", "17.5", "")
            return Device("DESKTOP", "LINUX", "Ubuntu 22.04", "Firefox", "127.0", "")
        if r < 0.93:
            if rng.random() < 0.55:
                return Device("MOBILE", "IOS", "17.5", "Safari", "17.5", rng.choice(_IPHONES))
            return Device(
                "MOBILE", "ANDROID", "14", "Chrome", "126.0.6478.122", rng.choice(_ANDROIDS)
            )
        return Device("TABLET", "IOS", "17.5", "Safari", "17.5", rng.choice(_IPADS))
    if source == "APP":
        tablet = r < 0.12
        if rng.random() < 0.5:
            return Device(
                "TABLET" if tablet else "MOBILE",
                "IOS",
                "17.5",
                "NA",
                "",
                rng.choice(_IPADS if tablet else _IPHONES),
            )
        return Device(
            "TABLET" if tablet else "MOBILE",
            "ANDROID",
            "14",
            "NA",
            "",
            rng.choice(_ANDROID_TABLETS if tablet else _ANDROIDS),
        )
    if source == "Apple Business Chat":
        if r < 0.9:
            return Device("MOBILE", "IOS", "17.5", "NA", "", rng.choice(_IPHONES))
        return Device("DESKTOP", "MAC_OSX", "14.5", "NA", "", "")
    return _NO_DEVICE


def calendar_date(ms: int) -> tuple[int, int, int]:
    """Return (year, month, day) of an epoch-ms instant in UTC."""
    moment = time.gmtime(ms // 1000)
    return moment.tm_year, moment.tm_mon, moment.tm_mday


class Consumer:
    """One person who messages a subscriber, possibly many times."""

    __slots__ = (
        "participant_id",
        "first",
        "last",
        "email",
        "phone",
        "token",
        "avatar",
        "source",
        "device",
        "geo",
        "ip",
        "isp",
        "authenticated",
        "customer_id",
        "customer_type",
        "customer_status",
        "balance",
        "registered",
        "gender",
        "born",
        "conversations",
    )

    def __init__(
        self,
        rng: random.Random,
        *,
        first: str,
        last: str,
        gender: str,
        source: str,
        geo: Geo,
        serial: int,
        since: int,
    ) -> None:
        """Make a consumer who first writes at `since` (epoch ms)."""
        random_ = rng.random
        self.participant_id = uuid4(rng)
        self.first = first
        self.last = last
        self.email = f"{first}.{last}{serial % 100}@example.{('com', 'net', 'org')[serial % 3]}"
        self.email = self.email.lower().replace(" ", "").replace("'", "")
        area, exchange = int(random_() * 800) + 200, int(random_() * 800) + 200
        self.phone = f"{geo.phone_prefix} {area} {exchange} {int(random_() * 10_000):04d}"
        self.source = source
        self.device = make_device(rng, source)
        self.geo = geo
        octets = (int(random_() * 180) + 24, int(random_() * 256), int(random_() * 256))
        self.ip = "{}.{}.{}.".format(*octets) + str(int(random_() * 254) + 1)
        self.isp = geo.isps[int(random_() * len(geo.isps))]
        # Logged-in app and web users are known to the brand: token, customer id, SDEs.
        self.authenticated = source in ("APP", "Apple Business Chat") or (
            source == "SHARK" and random_() < 0.4
        )
        self.token = f"{rng.getrandbits(64):016x}" if self.authenticated else ""
        self.avatar = (
            f"https://avatars.example.com/{self.participant_id[:8]}.png"
            if source in ("FACEBOOK", "Apple Business Chat", "WhatsApp Business")
            and random_() < 0.6
            else ""
        )
        self.customer_id = f"C{rng.getrandbits(30):09d}"
        self.customer_type = ("regular", "regular", "vip", "new", "business")[int(random_() * 5)]
        self.customer_status = ("active", "active", "active", "suspended", "cancelled")[
            int(random_() * 5) if random_() < 0.2 else 0
        ]
        self.balance = round((random_() - 0.8) * 500, 2)
        self.registered = calendar_date(
            since - int((30 + random_() * 2_900) * DAY_MS)
        )  # up to 8 years
        self.gender = gender
        self.born = calendar_date(since - int((18 + random_() * 57) * 365.25 * DAY_MS))
        self.conversations = 0
