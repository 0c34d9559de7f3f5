"""Fixtures of the search tests (helpers live in search_helpers.py)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.api.search.search_helpers import Api


@pytest.fixture
def api(client: FlaskClient) -> Api:
    """The search API, signed as the demo subscriber 70000001."""
    return Api(client)
