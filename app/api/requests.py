"""Reading request bodies: JSON only, with a 400 that says what is wrong."""

from __future__ import annotations

from typing import Any

import orjson
from flask import request

from app.errors import InvalidRequest


def json_body() -> Any:
    """Return the parsed JSON body; an empty body counts as an empty object.

    :raises InvalidRequest: when the body is not JSON.
    """
    raw = request.get_data(cache=True)
    if not raw.strip():
        return {}
    try:
        return orjson.loads(raw)
    except ValueError as error:
        raise InvalidRequest(
            "The request body is not valid JSON.", causes=[f"body: {error}"]
        ) from error
