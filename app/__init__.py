"""Marketplace Messaging Interactions: the application factory (composition root)."""

from __future__ import annotations

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app import db
from app.config import Config


def create_app(config: Config | None = None) -> Flask:
    """Build the Flask application from a configuration (the environment's by default)."""
    config = config or Config()
    app = Flask(__name__)
    app.config.from_mapping(config.as_flask_mapping())
    app.json.sort_keys = False  # type: ignore[attr-defined]
    if app.config.get("TRUSTED_PROXIES"):
        # Behind a TLS-terminating proxy, OAuth signatures cover the URL the client used.
        hops = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    logging.basicConfig(level=logging.INFO)

    db.init_app(app)

    from app.api import register_blueprints, throttling
    from app.api.error_handlers import register_error_handlers
    from app.cli import register_commands

    register_blueprints(app)
    register_error_handlers(app)
    throttling.init_app(app)
    register_commands(app)
    return app
