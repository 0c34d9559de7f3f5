"""JSON responses through orjson: the same bytes for every view and error."""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response


def json_response(body: Any, status: int = 200) -> Response:
    """Serialise a body with orjson and wrap it in a JSON response."""
    return Response(
        orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS),
        status=status,
        mimetype="application/json",
    )


def raw_json_response(payload: bytes, status: int = 200) -> Response:
    """Wrap JSON that is already bytes (assembled from stored sections) in a response."""
    return Response(payload, status=status, mimetype="application/json")
