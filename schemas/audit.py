"""Query parameters of the access audit listing."""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

MAX_PAGE = 100


class AuditParams(Schema):
    """``offset``/``limit`` as in the searches, ``from``/``to`` (epoch ms, inclusive) on the time
    of the read; unknown parameters are ignored, as the searches ignore them."""

    class Meta:
        unknown = EXCLUDE

    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))
    since_ms = fields.Integer(data_key="from", load_default=None, validate=validate.Range(min=0))
    until_ms = fields.Integer(data_key="to", load_default=None, validate=validate.Range(min=0))

    @validates_schema
    def from_not_after_to(self, data: dict[str, Any], **_kwargs: Any) -> None:
        since, until = data.get("since_ms"), data.get("until_ms")
        if since is not None and until is not None and since > until:
            raise ValidationError("from must not be after to.", "from")


def load_audit_params(args: Any) -> dict[str, Any]:
    """Validate the audit listing's query parameters."""
    data: dict[str, Any] = AuditParams().load(args)
    return data
