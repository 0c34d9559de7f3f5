"""Bodies, query strings and responses of the contracts API (our extension to LivePerson's).

The schemas check shapes, types, ranges and the order of each window; what needs the database
(the kinds of the accounts, the network, the contract superseded) is checked by the service.
Loaded bodies are dicts whose keys are the service's argument names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    post_dump,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

from app.domain import CONSUMER_PII, METADATA, SURVEYS, TRANSCRIPTS
from schemas.base import BaseSchema
from schemas.records_fields import EpochMs, Id, Int32, List, Text

CATEGORIES: Final = (METADATA, TRANSCRIPTS, CONSUMER_PII, SURVEYS)
# The states of app.repositories.contracts, which schemas may not import (a test holds them equal).
CONTRACT_STATES: Final = ("active", "revoked", "expired", "not_yet_in_effect")
CONSENT_STATES: Final = (*CONTRACT_STATES, "none", "not_in_network")
MAX_PAGE: Final = 100
ACCOUNT_ID_MAX: Final = 20
AGREEMENT_REF_MAX: Final = 200
REASON_MAX: Final = 500

_ACCOUNT_ID: Final = validate.Regexp(r"[0-9]+\Z", error="Must be an account id (digits).")


def _choice(values: tuple[str, ...]) -> validate.OneOf:
    return validate.OneOf(values, error="Must be one of: {choices}.")


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("Must not be blank.")


def _account_id(**kwargs: Any) -> Id:
    return Id(max_length=ACCOUNT_ID_MAX, non_empty=True, validate=_ACCOUNT_ID, **kwargs)


class ContractRequestSchema(BaseSchema):
    """``POST .../account/{platformId}/contracts``: the terms of a new contract.

    ``null`` counts as absent, as everywhere in this API.
    """

    provider_id = _account_id(required=True)
    subscriber_id = _account_id(required=True)
    categories = List(
        Text(validate=_choice(CATEGORIES)),
        required=True,
        validate=validate.Length(min=1, error="Must name at least one category."),
    )
    covers_from_ms = EpochMs(data_key="coversFrom")
    covers_to_ms = EpochMs(data_key="coversTo")
    effective_from_ms = EpochMs(required=True, data_key="effectiveFrom")
    expires_at_ms = EpochMs(data_key="expiresAt")
    agreement_ref = Text(
        required=True, max_length=AGREEMENT_REF_MAX, non_empty=True, validate=_not_blank
    )
    supersedes_id = Int32(minimum=1, data_key="supersedes")

    @pre_load
    def drop_nulls(self, data: Any, **_kwargs: Any) -> Any:
        if isinstance(data, Mapping):
            return {key: value for key, value in data.items() if value is not None}
        return data

    @validates_schema
    def windows_are_ordered(self, data: dict[str, Any], **_kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        covers_from, covers_to = data.get("covers_from_ms"), data.get("covers_to_ms")
        if covers_from is not None and covers_to is not None and covers_from > covers_to:
            errors["coversTo"] = ["Must not be before coversFrom."]
        expires_at = data.get("expires_at_ms")
        if expires_at is not None and expires_at <= data["effective_from_ms"]:
            errors["expiresAt"] = ["Must be after effectiveFrom."]
        if errors:
            raise ValidationError(errors)

    @post_load
    def canonical_categories(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        data["categories"] = tuple(c for c in CATEGORIES if c in data["categories"])
        return data


class RevocationRequestSchema(BaseSchema):
    """``POST .../account/{subscriberId}/contracts/{contractId}/revoke``: why."""

    reason = Text(required=True, max_length=REASON_MAX, non_empty=True, validate=_not_blank)


class PageArgsSchema(Schema):
    """``offset`` and ``limit``, as the searches take them; unknown parameters are ignored."""

    class Meta:
        unknown = EXCLUDE

    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_PAGE))


class ContractListArgsSchema(PageArgsSchema):
    """Query of a contract listing: filters by state and by the other party."""

    state = fields.String(validate=_choice(CONTRACT_STATES))
    provider_id = fields.String(data_key="providerId", validate=_ACCOUNT_ID)
    subscriber_id = fields.String(data_key="subscriberId", validate=_ACCOUNT_ID)


def _first_values(args: Mapping[str, Any]) -> dict[str, Any]:
    """A repeated query parameter counts by its first value (as in the searches)."""
    return {key: args.get(key) for key in args}


def load_contract_request(body: Any) -> dict[str, Any]:
    """Validate the terms of a new contract."""
    data: dict[str, Any] = ContractRequestSchema().load(body)
    return data


def load_revocation(body: Any) -> str:
    """Validate a revocation body; return its reason."""
    data: dict[str, Any] = RevocationRequestSchema().load(body)
    return str(data["reason"])


def load_list_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the query of a contract listing."""
    data: dict[str, Any] = ContractListArgsSchema().load(_first_values(args))
    return data


def load_page_args(args: Mapping[str, Any]) -> dict[str, Any]:
    """Validate ``offset`` and ``limit``."""
    data: dict[str, Any] = PageArgsSchema().load(_first_values(args))
    return data


# -- responses ------------------------------------------------------------------------------------


class ResponseSchema(BaseSchema):
    """A response object: an absent value is left out, never null."""

    @post_dump
    def drop_nulls(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        return {key: value for key, value in data.items() if value is not None}


class ContractSchema(ResponseSchema):
    """A contract with its stamps and its state at the time of the request."""

    contract_id = fields.Integer()
    provider_id = fields.String()
    subscriber_id = fields.String()
    categories = fields.List(fields.String())
    covers_from = fields.Integer(attribute="covers_from_ms")
    covers_to = fields.Integer(attribute="covers_to_ms")
    effective_from = fields.Integer(attribute="effective_from_ms")
    expires_at = fields.Integer(attribute="expires_at_ms")
    agreement_ref = fields.String()
    supersedes = fields.Integer(attribute="supersedes_id")
    superseded_by = fields.Integer(attribute="superseded_by_id")
    created_at = fields.Integer(attribute="created_at_ms")
    created_by = fields.String()
    revoked_at = fields.Integer(attribute="revoked_at_ms")
    revocation_reason = fields.String()
    revoked_by = fields.String()
    state = fields.String()


class ConsentSchema(ResponseSchema):
    """Where a subscriber's consent stands: the contract in force, or why there is none."""

    state = fields.String()
    contract_id = fields.Integer()
    categories = fields.List(fields.String())
    covers_from = fields.Integer(attribute="covers_from_ms")
    covers_to = fields.Integer(attribute="covers_to_ms")
    effective_from = fields.Integer(attribute="effective_from_ms")
    expires_at = fields.Integer(attribute="expires_at_ms")


class NetworkMemberSchema(ResponseSchema):
    """A subscriber of a provider's network."""

    subscriber_id = fields.String()
    name = fields.String()
    joined_at = fields.Integer(attribute="joined_at_ms")
    left_at = fields.Integer(attribute="left_at_ms")
    member = fields.Boolean()
    consent = fields.Nested(ConsentSchema)


def dump_contract(contract: Any) -> dict[str, Any]:
    """Return the JSON object of a contract."""
    data: dict[str, Any] = ContractSchema().dump(contract)
    return data


def dump_contracts(contracts: Any) -> list[dict[str, Any]]:
    """Return the JSON objects of some contracts."""
    data: list[dict[str, Any]] = ContractSchema(many=True).dump(contracts)
    return data


def dump_network(members: Any) -> list[dict[str, Any]]:
    """Return the JSON objects of some network members."""
    data: list[dict[str, Any]] = NetworkMemberSchema(many=True).dump(members)
    return data
