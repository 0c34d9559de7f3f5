"""The dashboard page and its assets: served by us, without a credential, from our origin only.

What the page does in a browser is tested in tests/e2e/test_dashboard.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.config import PROJECT_ROOT, TestConfig

pytestmark = pytest.mark.api

ASSET = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"')
VENDOR = PROJECT_ROOT / "app" / "static" / "vendor" / "chart.js"


@pytest.fixture(scope="module")
def page_app() -> Iterator[Flask]:
    """An app that serves files only; it never opens its (in-memory) database."""
    app = create_app(TestConfig(DATABASE_URL="sqlite://"))
    yield app
    app.extensions["db_engine"].dispose()


@pytest.fixture
def browser(page_app: Flask) -> FlaskClient:
    return page_app.test_client()


def test_page_needs_no_credential_and_allows_only_our_origin(browser):
    response = browser.get("/dashboard")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "unsafe" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_asset_of_the_page_is_ours_and_served(browser):
    html = browser.get("/dashboard").get_data(as_text=True)
    assets = ASSET.findall(html)
    assert {"/static/dashboard/dashboard.js", "/static/dashboard/dashboard.css"} <= set(assets)
    assert "/static/vendor/chart.js/chart.umd.min.js" in assets
    for url in assets:
        assert url.startswith("/static/"), f"{url} is not served by us"
        response = browser.get(url)
        assert response.status_code == 200, url
        response.close()
    assert "<script>" not in html, "inline scripts would need 'unsafe-inline'"
    assert " style=" not in html, "inline styles would need 'unsafe-inline'"


def test_the_vendored_chart_library_comes_with_its_licences():
    library = (VENDOR / "chart.umd.min.js").read_text(encoding="utf-8")
    assert library.startswith("/*!\n * Chart.js v4.")
    assert "MIT License" in (VENDOR / "LICENSE.md").read_text(encoding="utf-8")
    # The UMD build bundles @kurkle/color, whose licence travels with it.
    assert "@kurkle/color" in library
    assert "Jukka Kurkela" in (VENDOR / "LICENSE-kurkle-color.md").read_text(encoding="utf-8")
