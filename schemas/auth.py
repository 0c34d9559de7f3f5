"""Bodies of the login service: login, logout, refresh."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.base import BaseSchema


class LoginRequestSchema(BaseSchema):
    """``POST /api/account/{accountId}/login?v=1.3`` body."""

    username = fields.String(required=True, validate=validate.Length(min=1, max=100))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class LoginQueryArgsSchema(BaseSchema):
    """Query of the login call: LivePerson clients send ``v=1.3``."""

    class Meta(BaseSchema.Meta):
        unknown = "exclude"

    v = fields.String(validate=validate.OneOf(["1.3"]))


class RefreshRequestSchema(BaseSchema):
    """``POST /api/account/{accountId}/refresh`` body: the csrf value the login returned."""

    csrf = fields.String(required=True, validate=validate.Length(min=1, max=64))
