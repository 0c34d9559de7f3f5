"""openapi.yaml is the contract: valid, complete, true to the routes, the schemas and its examples.

The other half of the contract, that real responses match it, is checked on every request of
every API test by the ``client`` fixture (tests/support/openapi.py).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from marshmallow import Schema, fields, validate
from openapi_spec_validator import validate as validate_spec

from app import create_app
from app.api.decorators import Access
from app.config import TestConfig
from schemas import (
    auth,
    contracts,
    records,
    records_info,
    records_messages,
    records_participants,
    records_surveys,
    sdes,
)
from schemas import records_fields as rf
from schemas.ingest import records_of
from schemas.records import load_record
from seed.demo import SUBSCRIBER_KEY
from tests.support.openapi import (
    AUTOMATIC_METHODS,
    JSON,
    escape_pointer,
    load_spec,
    path_template,
    validate_response,
)
from tests.support.signing import oauth1_for, send_signed

pytestmark = pytest.mark.api

SPEC = load_spec()
COMPONENTS = "/components/schemas/"
RECORD_EXAMPLE_SUFFIX = "ConversationRecord"

# Each component schema that describes a marshmallow schema, field for field.
MARSHMALLOW_COMPONENTS: dict[str, type[Schema]] = {
    "LoginRequest": auth.LoginRequestSchema,
    "RefreshRequest": auth.RefreshRequestSchema,
    "ContractRequest": contracts.ContractRequestSchema,
    "RevocationRequest": contracts.RevocationRequestSchema,
    "ConversationRecord": records.ConversationRecordSchema,
    "Info": records_info.InfoSchema,
    "Campaign": records_info.CampaignSchema,
    "Monitoring": records_info.MonitoringSchema,
    "Summary": records_info.SummarySchema,
    "ResponseTime": records_info.ResponseTimeSchema,
    "MessageRecord": records_messages.MessageRecordSchema,
    "MessageData": records_messages.MessageDataSchema,
    "MessageText": records_messages.MsgSchema,
    "MessageFile": records_messages.FileSchema,
    "MessageLink": records_messages.LinkSchema,
    "MessageSecureForm": records_messages.SecureFormSchema,
    "MessageStructuredContent": records_messages.StructuredContentSchema,
    "ContextData": records_messages.ContextDataSchema,
    "StructuredMetadataItem": records_messages.StructuredMetadataSchema,
    "BotResponse": records_messages.BotResponseSchema,
    "BotIntent": records_messages.BotIntentSchema,
    "ActionReason": records_messages.ActionReasonSchema,
    "MessageStatus": records_messages.MessageStatusSchema,
    "MessageScore": records_messages.MessageScoreSchema,
    "AgentParticipant": records_participants.AgentParticipantSchema,
    "ConsumerParticipant": records_participants.ConsumerParticipantSchema,
    "Transfer": records_participants.TransferSchema,
    "Interaction": records_participants.InteractionSchema,
    "SkillChange": records_participants.SkillChangeSchema,
    "Dialog": records_participants.DialogSchema,
    "CoBrowseSessions": records_participants.CoBrowseSessionsSchema,
    "CoBrowseSession": records_participants.CoBrowseSessionSchema,
    "ConversationSurvey": records_surveys.ConversationSurveySchema,
    "ConversationSurveyAnswer": records_surveys.SurveyAnswerSchema,
    "AgentSurvey": records_surveys.AgentSurveySchema,
    "AgentSurveyQuestion": records_surveys.SubmittedAnswerSchema,
    "AgentSurveyAnswer": records_surveys.AgentSurveyAnswerSchema,
    "Intent": records_surveys.IntentSchema,
    "IntentClassification": records_surveys.IntentClassificationSchema,
    "IntentModelVersion": records_surveys.IntentModelVersionSchema,
    "UniqueIntent": records_surveys.UniqueIntentSchema,
    "Sdes": sdes.SdesSchema,
    "UnAuthSdes": sdes.UnAuthSdesSchema,
    "SdeEvent": sdes.SdeEventSchema,
    "UnAuthSdeEvent": sdes.UnAuthSdeEventSchema,
    "SdeDate": sdes.DateSchema,
    "SdeCustomerInfoPayload": sdes.CustomerInfoPayloadSchema,
    "SdeCustomerInfo": sdes.CustomerInfoSchema,
    "SdePersonalInfoPayload": sdes.PersonalInfoPayloadSchema,
    "SdePersonalInfo": sdes.PersonalInfoSchema,
    "SdeCustomerAge": sdes.CustomerAgeSchema,
    "SdeContact": sdes.ContactSchema,
    "SdePersonalContact": sdes.PersonalContactSchema,
    "SdeAddress": sdes.AddressSchema,
    "SdeCartStatusPayload": sdes.CartStatusPayloadSchema,
    "SdePurchasePayload": sdes.PurchasePayloadSchema,
    "SdeMarketingCampaignInfoPayload": sdes.MarketingCampaignInfoPayloadSchema,
    "SdeMarketingCampaignInfo": sdes.MarketingCampaignInfoSchema,
    "SdeSearchContentPayload": sdes.SearchContentPayloadSchema,
    "SdeViewedProductPayload": sdes.ViewedProductPayloadSchema,
    "SdeProductLine": sdes.ProductLineSchema,
    "SdeProduct": sdes.ProductSchema,
    "SdeVisitorErrorPayload": sdes.VisitorErrorPayloadSchema,
    "SdeVisitorError": sdes.VisitorErrorSchema,
    "SdeLeadPayload": sdes.LeadPayloadSchema,
    "SdeLead": sdes.LeadSchema,
    "SdeServiceActivityPayload": sdes.ServiceActivityPayloadSchema,
    "SdeServiceActivity": sdes.ServiceActivitySchema,
}
COMPONENT_OF_SCHEMA = {schema: name for name, schema in MARSHMALLOW_COMPONENTS.items()}


@pytest.fixture(scope="module")
def routes_app() -> Iterator[Flask]:
    """An app for reading the URL map; it never opens its (in-memory) database."""
    app = create_app(TestConfig(DATABASE_URL="sqlite://"))
    yield app
    app.extensions["db_engine"].dispose()


def ref_name(node: dict[str, Any]) -> str | None:
    """Return the component name a ``$ref`` node points at, or None."""
    ref = node.get("$ref")
    return ref.removeprefix("#" + COMPONENTS) if ref else None


# -- walking the spec's examples ---------------------------------------------------------------


def media_examples(media: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Yield (name, value) for the ``example`` and every ``examples`` entry of a media type."""
    if "example" in media:
        yield "example", media["example"]
    for name, example in media.get("examples", {}).items():
        resolved, _ = SPEC.resolve(example)
        assert "value" in resolved, f"example {name} has no inline value"
        yield name, resolved["value"]


def request_examples() -> Iterator[Any]:
    for spec_path, method, operation in SPEC.iter_operations():
        body = operation.get("requestBody")
        if body is None:
            continue
        inline = "/".join(("", "paths", escape_pointer(spec_path), method.lower(), "requestBody"))
        body, ref = SPEC.resolve(body)
        for media_type, media in body["content"].items():
            pointer = f"{ref or inline}/content/{escape_pointer(media_type)}/schema"
            for name, value in media_examples(media):
                label = f"{method} {spec_path} {name}"
                yield pytest.param(pointer, media["schema"], value, id=label)


def response_examples() -> Iterator[Any]:
    """Every example of every response, declared inline or shared under components."""
    responses: dict[str, dict[str, Any]] = {}
    for spec_path, method, operation in SPEC.iter_operations():
        for status, response in operation["responses"].items():
            pointer = "/".join(
                ("", "paths", escape_pointer(spec_path), method.lower(), "responses", status)
            )
            resolved, ref = SPEC.resolve(response)
            responses[ref or pointer] = resolved
    for name, response in SPEC.document["components"].get("responses", {}).items():
        responses[f"/components/responses/{name}"] = response
    for pointer, response in responses.items():
        for media_type, media in response.get("content", {}).items():
            schema_pointer = f"{pointer}/content/{escape_pointer(media_type)}/schema"
            for name, value in media_examples(media):
                yield pytest.param(schema_pointer, value, id=f"{pointer} {name}")


def record_examples() -> Iterator[Any]:
    """Every conversation record among the spec's examples."""
    for param in request_examples():
        _pointer, schema, value = param.values
        if ref_name(schema) == "IngestBatch":
            for index, record in enumerate(records_of(value)):
                yield pytest.param(record, id=f"{param.id} record {index}")
    for name, example in SPEC.document["components"].get("examples", {}).items():
        if name.endswith(RECORD_EXAMPLE_SUFFIX):
            yield pytest.param(SPEC.resolve(example)[0]["value"], id=f"components {name}")


# -- the spec itself -----------------------------------------------------------------------------


def test_spec_is_valid_openapi_31():
    assert SPEC.document["openapi"].startswith("3.1.")
    validate_spec(SPEC.document)


def test_every_route_is_a_path_and_every_path_a_route(routes_app):
    rules = {
        path_template(rule.rule)
        for rule in routes_app.url_map.iter_rules()
        if rule.endpoint != "static"
    }
    paths = set(SPEC.paths_by_template)
    assert rules - paths == set(), "routes missing from openapi.yaml"
    assert paths - rules == set(), "paths in openapi.yaml that the app does not serve"


def test_every_route_declares_exactly_its_methods(routes_app):
    methods: dict[str, set[str]] = defaultdict(set)
    for rule in routes_app.url_map.iter_rules():
        if rule.endpoint != "static":
            methods[path_template(rule.rule)] |= set(rule.methods or ()) - AUTOMATIC_METHODS
    for template, served in methods.items():
        spec_path = SPEC.paths_by_template[template]
        declared = set(SPEC.operations(spec_path)) - AUTOMATIC_METHODS
        assert declared == served, f"{spec_path}: openapi.yaml {declared}, app {served}"


def test_security_follows_the_access_rule_of_each_view(routes_app):
    for rule in routes_app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        access = routes_app.view_functions[rule.endpoint].access
        spec_path = SPEC.spec_path(rule.rule)
        for method, operation in SPEC.operations(spec_path).items():
            security = operation.get("security", SPEC.document.get("security", []))
            public = security in ([], [{}])
            assert public == (access is Access.PUBLIC), f"{method} {spec_path}: {security}"


def test_operation_ids_are_unique():
    ids = [operation["operationId"] for _, _, operation in SPEC.iter_operations()]
    assert len(ids) == len(set(ids))


# -- examples ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("pointer", "schema", "example"), list(request_examples()))
def test_request_example_matches_its_schema(pointer, schema, example):
    SPEC.check(pointer, example, "request example")


@pytest.mark.parametrize("record", list(record_examples()))
def test_record_example_is_what_the_schema_loads(record):
    SPEC.check(COMPONENTS + "ConversationRecord", record, "record example")
    assert load_record(copy.deepcopy(record)) == record


def test_spec_has_record_examples_of_every_section():
    sections = {key for param in record_examples() for key in param.values[0]}
    assert sections == {"info", *records.RECORD_SECTIONS}


@pytest.mark.parametrize(("pointer", "example"), list(response_examples()))
def test_response_example_matches_its_schema(pointer, example):
    SPEC.check(pointer, example, "response example")


def test_parameter_examples_match_their_schemas():
    parameters = {
        f"/components/parameters/{name}": parameter
        for name, parameter in SPEC.document["components"].get("parameters", {}).items()
    }
    for spec_path, method, operation in SPEC.iter_operations():
        for index, parameter in enumerate(operation.get("parameters", [])):
            inline = "/".join(("", "paths", escape_pointer(spec_path), method.lower()))
            resolved, ref = SPEC.resolve(parameter)
            parameters[ref or f"{inline}/parameters/{index}"] = resolved
    for pointer, parameter in parameters.items():
        if "example" in parameter:
            SPEC.check(f"{pointer}/schema", parameter["example"], f"example of {pointer}")


def test_ingestion_examples_are_accepted_by_the_service(client):
    operation = SPEC.document["paths"]["/marketplace/api/account/{accountId}/conversations"]
    media = operation["post"]["requestBody"]["content"][JSON]
    for name, batch in media_examples(media):
        path = "/marketplace/api/account/70000001/conversations"
        response = send_signed(client, "POST", path, oauth1_for(SUBSCRIBER_KEY), json=batch)
        assert response.status_code == 200, (name, response.json)
        assert response.json["received"] == len(records_of(batch))


# -- the spec's schemas against the marshmallow schemas ------------------------------------------


def shape(node: dict[str, Any]) -> dict[str, Any]:
    """Return a property's schema with its $ref target merged under the siblings."""
    target, _ = SPEC.resolve(node)
    siblings = {key: value for key, value in node.items() if key != "$ref"}
    return {**target, **siblings}


def expected_type(field: fields.Field) -> str:
    if isinstance(field, fields.Nested):
        return "array" if field.many else "object"
    if isinstance(field, fields.List):
        return "array"
    if isinstance(field, rf.Bool):
        return "boolean"
    if isinstance(field, rf.Double):
        return "number"
    if isinstance(field, rf.Integer):
        return "integer"
    assert isinstance(field, rf.Text | rf.TsString | rf.MsText | fields.String), field
    return "string"


def check_field(component: str, key: str, field: fields.Field, node: dict[str, Any]) -> None:
    where = f"{component}.{key}"
    prop = shape(node)
    assert prop.get("type") == expected_type(field), f"{where}: type {prop.get('type')}"
    if isinstance(field, fields.Nested):
        ref_node = node["items"] if field.many else node
        assert ref_name(ref_node) == COMPONENT_OF_SCHEMA[field.nested], f"{where}: $ref"
        return
    if isinstance(field, fields.List):
        check_field(component, f"{key}[]", field.inner, node["items"])
        return
    choices = next((v.choices for v in field.validators if isinstance(v, validate.OneOf)), [])
    assert sorted(map(str, prop.get("enum", []))) == sorted(map(str, choices)), f"{where}: enum"
    if isinstance(field, rf.TsString):
        target = "TimeStringOrUndefined" if field.undefined_allowed else "TimeString"
        assert ref_name(node) == target, f"{where}: a time string"
    elif isinstance(field, rf.MsText):
        assert ref_name(node) == "EpochMillisString", f"{where}: ms as a string"
    elif isinstance(field, rf.Text):
        if not choices:  # an enum bounds the length by itself
            assert prop.get("maxLength") == field.max_length, f"{where}: maxLength"
        if any(isinstance(v, validate.Regexp) for v in field.validators):
            assert "pattern" in prop, f"{where}: pattern"
        assert prop.get("minLength") == (1 if field.non_empty else None), f"{where}: minLength"
    elif isinstance(field, rf.Integer):
        # The format states the type's own range; only narrower bounds are spelled out.
        int32 = isinstance(field, rf.Int32)
        low, high = (rf.INT32_MIN, rf.INT32_MAX) if int32 else (rf.LONG_MIN, rf.LONG_MAX)
        expected = (
            None if field.minimum == low else field.minimum,
            None if field.maximum == high else field.maximum,
        )
        bounds = (prop.get("minimum"), prop.get("maximum"))
        assert bounds == expected, f"{where}: bounds {bounds}, marshmallow {expected}"
        assert prop.get("format") == ("int32" if int32 else "int64"), f"{where}: format"
    elif isinstance(field, fields.String):
        lengths = [v for v in field.validators if isinstance(v, validate.Length)]
        for length in lengths:
            assert (prop.get("minLength"), prop.get("maxLength")) == (length.min, length.max), where


@pytest.mark.parametrize("component", sorted(MARSHMALLOW_COMPONENTS))
def test_component_matches_its_marshmallow_schema_field_for_field(component):
    schema = MARSHMALLOW_COMPONENTS[component]()
    spec_schema = SPEC.at(COMPONENTS + component)
    by_key = {field.data_key or name: field for name, field in schema.load_fields.items()}
    assert spec_schema.get("additionalProperties") is False, "unknown keys are refused"
    assert set(spec_schema["properties"]) == set(by_key)
    required = {key for key, field in by_key.items() if field.required}
    assert set(spec_schema.get("required", [])) == required
    for key, field in by_key.items():
        check_field(component, key, field, spec_schema["properties"][key])


def test_every_record_component_is_checked_against_marshmallow():
    referenced = set()
    stack = [SPEC.at(COMPONENTS + "ConversationRecord")]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            name = ref_name(node)
            if name and name not in referenced:
                referenced.add(name)
                stack.append(SPEC.at(COMPONENTS + name))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    helpers = {"TimeString", "TimeStringOrUndefined", "EpochMillis", "EpochMillisOrMinusOne"}
    helpers |= {"EpochMillisString", "SdeType", "SdeEventRules"}
    assert referenced - helpers - set(MARSHMALLOW_COMPONENTS) == set()


# -- the contract client's own checks ------------------------------------------------------------

INGEST_RULE = "/marketplace/api/account/<account_id>/conversations"
GOOD_RESULT = {
    "received": 1,
    "created": 1,
    "updated": 0,
    "unchanged": 0,
    "stale": 0,
    "conversationIds": {"created": ["c-1"], "updated": [], "unchanged": [], "stale": []},
}


class TestValidateResponse:
    def test_flask_rule_finds_the_operation(self):
        validate_response("POST", INGEST_RULE, 200, GOOD_RESULT)

    def test_body_that_breaks_the_schema_is_reported_by_path(self):
        body = {**GOOD_RESULT, "created": "one"}
        with pytest.raises(AssertionError, match=r"\$\.created: 'one' is not of type 'integer'"):
            validate_response("POST", INGEST_RULE, 200, body)

    def test_undeclared_status_is_reported(self):
        with pytest.raises(AssertionError, match="answered 418"):
            validate_response("POST", INGEST_RULE, 418, {})

    @pytest.mark.parametrize(
        ("method", "rule"),
        [("GET", INGEST_RULE), ("POST", "/marketplace/api/account/<account_id>/nothing")],
    )
    def test_undeclared_operation_is_reported(self, method, rule):
        with pytest.raises(AssertionError, match="declares no"):
            validate_response(method, rule, 200, GOOD_RESULT)

    def test_error_bodies_need_the_error_shape(self):
        with pytest.raises(AssertionError, match="'code' is a required property"):
            validate_response("POST", INGEST_RULE, 401, {"message": "no", "causes": []})


def test_health_answers_as_declared(client):
    # The contract client validates the body; this makes sure the operation is exercised.
    assert client.get("/health").status_code == 200
