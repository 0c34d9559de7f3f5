"""Every error leaves the service as JSON of one shape (openapi.yaml: components/schemas/Error)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from flask import Flask, Response
from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from app.api.responses import json_response
from app.errors import ServiceError
from app.services.discovery import SITE_UNKNOWN

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "invalid_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "too_many_requests",
}


def flatten_messages(messages: Any, path: str = "") -> list[str]:
    """Turn marshmallow's nested messages into LivePerson-style causes: "start.from: <rule>"."""
    if isinstance(messages, dict):
        causes: list[str] = []
        for key, value in messages.items():
            key_path = f"{path}.{key}" if path and key != "_schema" else (path or str(key))
            if key == "_schema" and not path:
                key_path = "body"
            causes.extend(flatten_messages(value, key_path))
        return causes
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{path}: {m}" for m in messages]
    if isinstance(messages, list):
        return [c for m in messages for c in flatten_messages(m, path)]
    return [f"{path}: {messages}"]


def _error(status: int, message: str, code: str, **extra: Any) -> Response:
    body: dict[str, Any] = {"message": message, "code": code, "causes": []}
    body.update(extra)
    return json_response(body, status)


def service_error_response(error: ServiceError) -> Response:
    """Return the response of a service error: its JSON body, status and headers."""
    response = json_response(error.to_dict(), error.status)
    if error.status == 401 and error.reason != SITE_UNKNOWN:  # discovery takes no credentials
        response.headers["WWW-Authenticate"] = 'OAuth realm="msgHist", Bearer'
    if error.retry_after_s is not None:
        response.headers["Retry-After"] = str(error.retry_after_s)
    return response


def register_error_handlers(app: Flask) -> None:
    """Install the handlers that give every error the one JSON shape."""

    @app.errorhandler(ServiceError)
    def handle_service_error(error: ServiceError) -> Response:
        return service_error_response(error)

    @app.errorhandler(ValidationError)
    def handle_validation_error(error: ValidationError) -> Response:
        messages = error.messages
        if not isinstance(messages, dict):
            messages = {error.field_name: messages}
        if "_schema" in messages:  # marshmallow's name for "the whole body"
            messages = {("body" if k == "_schema" else k): v for k, v in messages.items()}
        return _error(
            400,
            "The request is not valid.",
            "invalid_request",
            causes=flatten_messages(messages),
            errors=messages,
        )

    @app.errorhandler(RequestEntityTooLarge)
    def handle_too_large(_exc: RequestEntityTooLarge) -> Response:
        limit = app.config["MAX_CONTENT_LENGTH"]
        return _error(
            413,
            f"The request body is larger than the limit of {limit} bytes.",
            "payload_too_large",
            causes=[f"body: must be at most {limit} bytes"],
        )

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException) -> Response:
        status = error.code or 500
        response = _error(status, error.description or error.name, HTTP_CODES.get(status, "error"))
        if status == 405 and error.get_response().headers.get("Allow"):
            response.headers["Allow"] = error.get_response().headers["Allow"]
        return response

    @app.errorhandler(OperationalError)
    def handle_database_down(error: OperationalError) -> Response:
        log.error("database unavailable: %s", error.__class__.__name__)
        response = _error(503, "The database is unavailable; try again shortly.", "unavailable")
        response.headers["Retry-After"] = "5"
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> Response:
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return handle_database_down(OperationalError(None, None, error.orig or error))
        internal_code = str(uuid.uuid4())
        log.exception("unhandled error %s", internal_code)
        # LivePerson's 500 carries an internalCode; 0008 is its "runtime exception".
        return _error(
            500,
            "Internal server error.",
            "internal_error",
            internalCode=f"0008-{internal_code}",
        )
