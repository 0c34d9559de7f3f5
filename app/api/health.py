"""Liveness and readiness."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response

from app.api.decorators import Access, api_route
from app.api.responses import json_response
from app.db import get_session

health = Blueprint("health", __name__)


@api_route(health, "/health", methods=["GET"], access=Access.PUBLIC)
def get_health() -> Response:
    """Answer whether the service and its database are up."""
    get_session().execute(sa.text("SELECT 1"))
    return json_response({"status": "ok", "database": "ok"})
