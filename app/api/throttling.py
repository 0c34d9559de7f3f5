"""Throttling of the data endpoints, as LivePerson throttles Messaging Interactions (flask-limiter).

Two limits, checked before the request is authenticated, in this order:

* **per account** (``RATELIMIT_PER_ACCOUNT``, default 20 per second): keyed on the account id
  of the path, one budget for all the data endpoints of that account together (LivePerson:
  "20 RPS per account (site id)");
* **overall** (``RATELIMIT_OVERALL``, default 300 per second): all accounts together, counted
  per endpoint (LivePerson: "300 RPS per resource across all accounts" for OAuth 1.0 keys).

A data endpoint is any route whose URL rule lies under one of :data:`THROTTLED_PREFIXES` and
carries an ``account_id``: the three searches, ingestion and every route added there later.
Health, domain discovery and login are not throttled. Counting happens before authentication,
so a flood costs no credential lookup or nonce write; it also means that requests without a
valid credential spend the account's budget.

The window moves (``moving-window``): no more than the limit in any second, without the double
burst a fixed window allows at its edge, and a refused request costs nothing. Counts live in
process memory (``memory://``, per gunicorn worker) or in Redis (``RATELIMIT_STORAGE_URI``),
shared by every worker. When Redis cannot be reached, each worker falls back to counting in
its own memory and the requests are served, never failed with a 5xx.

A refused request gets 429 in the service's one error shape with ``Retry-After`` in whole
seconds (at least 1).
"""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, Response, request
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded
from limits import RateLimitItem, parse_many

from app.api.error_handlers import service_error_response
from app.errors import TooManyRequests

log = logging.getLogger(__name__)

THROTTLED_PREFIXES = (
    "/messaging_history/api/account/<account_id>/",
    "/marketplace/api/account/<account_id>/",
)
ACCOUNT_SCOPE = "account"
ALL_ACCOUNTS = "all-accounts"
STRATEGY = "moving-window"
EXTENSION = "throttling"
# A Redis that hangs must not hang the requests: after this the worker counts in memory.
REDIS_TIMEOUTS_S: dict[str, str | int] = {"socket_timeout": 1, "socket_connect_timeout": 1}


def is_throttled_rule(rule: str) -> bool:
    """Return whether requests matched by a URL rule are throttled."""
    return rule.startswith(THROTTLED_PREFIXES)


def _exempt() -> bool:
    rule = request.url_rule
    return rule is None or not is_throttled_rule(rule.rule)


def _account_id() -> str:
    return str((request.view_args or {}).get("account_id", ""))


def _all_accounts() -> str:
    return ALL_ACCOUNTS


def _per_resource(endpoint: str) -> str:
    return endpoint


def init_app(app: Flask) -> None:
    """Throttle the data endpoints of the app, unless ``RATELIMIT_ENABLED`` is false.

    :raises ValueError: when a configured limit is not a rate limit string.
    """
    config = app.config
    if not config["RATELIMIT_ENABLED"]:
        return
    for name in ("RATELIMIT_PER_ACCOUNT", "RATELIMIT_OVERALL"):
        try:
            parse_many(config[name])
        except ValueError as error:
            raise ValueError(f"{name}: {config[name]!r} is not a rate limit: {error}") from error
    storage_uri = config["RATELIMIT_STORAGE_URI"]
    limiter = Limiter(
        _account_id,
        application_limits=[
            ApplicationLimit(
                config["RATELIMIT_PER_ACCOUNT"],
                key_function=_account_id,
                scope=ACCOUNT_SCOPE,
                exempt_when=_exempt,
            ),
            ApplicationLimit(
                config["RATELIMIT_OVERALL"],
                key_function=_all_accounts,
                scope=_per_resource,
                exempt_when=_exempt,
            ),
        ],
        strategy=STRATEGY,
        storage_uri=storage_uri,
        storage_options=REDIS_TIMEOUTS_S if storage_uri.startswith("redis") else None,
        key_prefix=config["RATELIMIT_KEY_PREFIX"],
        # An unreachable Redis must not fail requests: count in memory until it is back.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
        enabled=True,
    )
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    # flask-limiter logs every refusal at INFO; the access log already has each 429.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)

    @app.errorhandler(RateLimitExceeded)
    def handle_rate_limit_exceeded(error: RateLimitExceeded) -> Response:
        return service_error_response(_too_many_requests(limiter, error))


def _rate(item: RateLimitItem) -> str:
    """Say a limit in words: "20 per second", "1000 per 10 minutes"."""
    unit = item.GRANULARITY.name
    if item.multiples == 1:
        return f"{item.amount} per {unit}"
    return f"{item.amount} per {item.multiples} {unit}s"


def _too_many_requests(limiter: Limiter, error: RateLimitExceeded) -> TooManyRequests:
    rate = _rate(error.limit.limit)
    if error.limit.scope == ACCOUNT_SCOPE:
        account_id = _account_id()
        message = f"Too many requests for account {account_id}; slow down."
        cause = f"accountId: at most {rate} for one account"
    else:
        message = "Too many requests to this endpoint from all accounts together; slow down."
        cause = f"endpoint: at most {rate} for all accounts together"
    return TooManyRequests(message, causes=[cause], retry_after_s=_retry_after_s(limiter))


def _retry_after_s(limiter: Limiter) -> int:
    """Seconds until the breached limit has room again, rounded up (at least 1)."""
    breached = limiter.current_limit
    if breached is None:
        return 1
    try:
        reset_at = breached.window.reset_time
    except Exception:  # the storage went away since the breach: say the least we know
        log.warning("rate limit window unavailable; Retry-After defaults to 1", exc_info=True)
        return 1
    return max(1, math.ceil(reset_at - time.time()))
