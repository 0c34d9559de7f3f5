"""Configuration read from the environment, with defaults that run on a fresh machine."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "marketplace.db"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return default if raw in (None, "") else int(raw)


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    if raw:
        raise ValueError(f"{name} must be true or false, not {raw!r}")
    return default


class Config:
    """Settings of a running service. Every value can be overridden by an environment variable."""

    def __init__(self, **overrides: Any) -> None:
        self.DATABASE_URL: str = os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")
        # The host name domain discovery (CSDS) hands to clients: LivePerson clients put
        # "https://" in front of it, so it is a bare host[:port], no scheme and no path.
        self.PUBLIC_HOST: str = os.environ.get(
            "PUBLIC_HOST", f"127.0.0.1:{os.environ.get('PORT') or 8000}"
        )
        self.BEARER_TOKEN_TTL_SECONDS: int = _int("BEARER_TOKEN_TTL_SECONDS", 30 * 60)
        # OAuth 1.0 requests older or newer than this are refused, and nonces are kept this long.
        self.OAUTH_TIMESTAMP_WINDOW_SECONDS: int = _int("OAUTH_TIMESTAMP_WINDOW_SECONDS", 300)
        self.MAX_CONTENT_LENGTH: int = _int("MAX_CONTENT_LENGTH", 16 * 1024 * 1024)
        self.INGEST_MAX_RECORDS: int = _int("INGEST_MAX_RECORDS", 1000)
        # How many reverse proxies in front of us set X-Forwarded-* (0: trust none).
        self.TRUSTED_PROXIES: int = _int("TRUSTED_PROXIES", 0)
        # Throttling of the data endpoints (app/api/throttling.py); limits in flask-limiter's
        # notation, several separated by ";". LivePerson: 20 per second per account.
        self.RATELIMIT_ENABLED: bool = _bool("RATELIMIT_ENABLED", True)
        self.RATELIMIT_PER_ACCOUNT: str = os.environ.get("RATELIMIT_PER_ACCOUNT", "20/second")
        self.RATELIMIT_OVERALL: str = os.environ.get("RATELIMIT_OVERALL", "300/second")
        # memory:// counts per process; redis://host:port/db shares the counts between workers.
        self.RATELIMIT_STORAGE_URI: str = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        self.RATELIMIT_KEY_PREFIX: str = os.environ.get("RATELIMIT_KEY_PREFIX", "mmi")
        self.ENV: str = os.environ.get("ENV", "production")
        self.TESTING: bool = False
        self.SQL_ECHO: bool = os.environ.get("SQL_ECHO", "") == "1"
        for key, value in overrides.items():
            setattr(self, key, value)

    def as_flask_mapping(self) -> dict[str, Any]:
        """Return the settings as the upper-case mapping Flask's config expects."""
        return {key: value for key, value in vars(self).items() if key.isupper()}


class TestConfig(Config):
    """Settings for the test suite: the caller passes the database URL."""

    __test__ = False  # a settings class, not a pytest test class

    def __init__(self, **overrides: Any) -> None:
        # Tests fire many requests at once; the throttling tests turn the limits on themselves.
        super().__init__(**{"RATELIMIT_ENABLED": False, **overrides})
        self.TESTING = True
        self.ENV = "test"
