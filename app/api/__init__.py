"""HTTP entry points: thin views over the services."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Register every blueprint of the service; the list of areas lives here and nowhere else."""
    from app.api.audit import audit_api
    from app.api.contracts import contracts_api
    from app.api.dashboard import dashboard
    from app.api.discovery import discovery
    from app.api.health import health
    from app.api.ingest import ingest_api
    from app.api.login import login_service
    from app.api.messaging_history import messaging_history
    from app.api.reports import reports_api

    for blueprint in (
        health,
        discovery,
        login_service,
        ingest_api,
        messaging_history,
        audit_api,
        contracts_api,
        reports_api,
        dashboard,
    ):
        app.register_blueprint(blueprint)
