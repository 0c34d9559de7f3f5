"""The service's exceptions: raised by services, turned into HTTP in one place (api/error_handlers).

    ServiceError
    ├── InvalidRequest       400  the request breaks a documented rule
    ├── Unauthenticated      401  no credential, or one we cannot verify
    ├── Forbidden            403  a valid credential used where it has no right
    │   └── ConsentDenied    403  no contract in force covers this read
    ├── NotFound             404
    ├── Conflict             409  the request contradicts the state of a record (e.g. revoked twice)
    ├── PayloadTooLarge      413
    ├── TooManyRequests      429  throttled (api/throttling); carries the Retry-After seconds
    └── Unavailable          503  a dependency (the database) is down

Error bodies follow the convention of LivePerson's data APIs (reference section 6.1):
``{"message": ..., "causes": [...]}`` for client errors, ``reason`` for authentication problems,
``internalCode`` for server errors.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base of every error the service reports to a caller."""

    status: int = 500
    error_code: str = "internal_error"
    #: Seconds after which the caller may try again, sent as ``Retry-After``; None: not said.
    retry_after_s: int | None = None

    def __init__(
        self,
        message: str,
        *,
        causes: list[str] | None = None,
        reason: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.causes = causes or []
        self.reason = reason
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON error body."""
        body: dict[str, Any] = {
            "message": self.message,
            "code": self.error_code,
            "causes": self.causes,
        }
        if self.reason:
            body["reason"] = self.reason
        if self.details:
            body["errors"] = self.details
        return body


class InvalidRequest(ServiceError):
    status = 400
    error_code = "invalid_request"


class Unauthenticated(ServiceError):
    status = 401
    error_code = "unauthenticated"


class Forbidden(ServiceError):
    status = 403
    error_code = "forbidden"


class ConsentDenied(Forbidden):
    error_code = "consent_denied"


class NotFound(ServiceError):
    status = 404
    error_code = "not_found"


class Conflict(ServiceError):
    status = 409
    error_code = "conflict"


class PayloadTooLarge(ServiceError):
    status = 413
    error_code = "payload_too_large"


class TooManyRequests(ServiceError):
    status = 429
    error_code = "too_many_requests"

    def __init__(
        self, message: str, *, retry_after_s: int, causes: list[str] | None = None
    ) -> None:
        super().__init__(message, causes=causes)
        # LivePerson's guidance is to wait at least a second after a 429.
        self.retry_after_s = max(1, retry_after_s)


class Unavailable(ServiceError):
    status = 503
    error_code = "unavailable"
