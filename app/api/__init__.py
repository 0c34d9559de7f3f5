"""HTTP entry points: thin views over the services."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Register every blueprint of the service; the list of areas lives here and nowhere else."""
    from app.api.audit import audit_api
    from app.api.contracts import contracts_api
    from app.api.discovery import discovery
    from app.api.health import health
    from app.api.ingest import ingest_api
    from app.api.login import login_service
    from app.api.messaging_history import messaging_history

    for blueprint in (health, discovery, login_service, ingest_api, messaging_history, audit_api):
        app.register_blueprint(blueprint)
    app.register_blueprint(contracts_api)
