"""The Marketplace Network dashboard: one HTML page whose script calls the report API.

The page itself is a static shell and needs no credential. The person signs in on it through
the login service; every data call of its script carries that bearer token, so the page sees
exactly what the API lets the user see. Its script, style sheet and the vendored chart library
are files of ``app/static`` (Flask's static route, ``/static/...``): nothing is loaded from
another origin, and the Content-Security-Policy below says so to the browser.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from app.api.decorators import Access, api_route

dashboard = Blueprint("dashboard", __name__)

# Only our own origin, no inline script or style: the page renders data with textContent, and
# this policy is the second line of defence should a value ever reach the markup.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)


@api_route(dashboard, "/dashboard", methods=["GET"], access=Access.PUBLIC)
def get_dashboard() -> Response:
    """Serve the dashboard page."""
    page = render_template("dashboard.html", api_root=request.script_root)
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-cache"
    return response
