"""openapi.yaml as the tests' oracle: every response the API tests see must match it.

The spec is loaded and checked with openapi-spec-validator once per test run. Operations are
found by Flask URL rule: ``/api/account/<account_id>/login`` and
``/api/account/{accountId}/login`` are the same template, because placeholders are compared by
position, not by name. Bodies are validated with openapi-schema-validator's OAS 3.1 validator,
whose ``$ref``s resolve against the whole document; one validator is built per schema location
and reused.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from flask import Flask
from flask.testing import FlaskClient
from jsonschema.protocols import Validator
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from werkzeug.exceptions import HTTPException
from werkzeug.test import TestResponse

from app.config import PROJECT_ROOT

SPEC_PATH = PROJECT_ROOT / "openapi.yaml"
SPEC_URI = "urn:marketplace-messaging-interactions:openapi"
JSON = "application/json"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Flask answers these for every rule by itself; the spec declares them only where they matter.
AUTOMATIC_METHODS = frozenset({"HEAD", "OPTIONS"})
# Routing errors have no rule and hence no operation: they answer with these shared responses.
ROUTING_ERRORS = {404: "NotFound", 405: "MethodNotAllowed"}
MAX_REPORTED_ERRORS = 5

_PLACEHOLDER = re.compile(r"<[^<>]*>|\{[^{}]*\}")


def path_template(path: str) -> str:
    """Return a Flask rule or OpenAPI path with each ``<...>`` / ``{...}`` reduced to ``{}``."""
    return _PLACEHOLDER.sub("{}", path)


def escape_pointer(token: str) -> str:
    """Escape one JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


@dataclass
class OpenApiSpec:
    """The loaded spec, its operations by path template, and cached body validators."""

    document: dict[str, Any]
    registry: Registry = field(init=False)
    paths_by_template: dict[str, str] = field(init=False)
    _validators: dict[str, Validator] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        resource = Resource.from_contents(self.document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(SPEC_URI, resource)
        self.paths_by_template = {}
        for path in self.document["paths"]:
            template = path_template(path)
            if template in self.paths_by_template:
                raise AssertionError(
                    f"openapi.yaml: {path} and {self.paths_by_template[template]} are the same "
                    "path template"
                )
            self.paths_by_template[template] = path

    # -- looking things up ------------------------------------------------------------------

    def resolve(self, node: Any) -> tuple[Any, str | None]:
        """Follow a local ``$ref`` (also a chain of them); return the target and its pointer."""
        pointer = None
        while isinstance(node, Mapping) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise AssertionError(f"openapi.yaml: only local $refs are supported, not {ref}")
            pointer = ref[1:]
            node = self.at(pointer)
        return node, pointer

    def at(self, pointer: str) -> Any:
        """Return the node at a JSON pointer of the document."""
        node: Any = self.document
        for token in pointer.lstrip("/").split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def spec_path(self, rule: str) -> str | None:
        """Return the spec's path for a Flask URL rule, or None when it declares none."""
        return self.paths_by_template.get(path_template(rule))

    def operations(self, spec_path: str) -> dict[str, dict[str, Any]]:
        """Return the operations of a spec path by upper-case HTTP method."""
        item, _ = self.resolve(self.document["paths"][spec_path])
        return {m.upper(): op for m, op in item.items() if m in HTTP_METHODS}

    def response(self, method: str, rule: str, status: int) -> tuple[dict[str, Any], str]:
        """Return the declared response of an operation for a status, and its JSON pointer.

        :raises AssertionError: when the rule, the method or the status is not declared.
        """
        spec_path = self.spec_path(rule)
        if spec_path is None:
            raise AssertionError(f"openapi.yaml declares no path for the Flask rule {rule}")
        operation = self.operations(spec_path).get(method.upper())
        if operation is None:
            raise AssertionError(f"openapi.yaml declares no {method.upper()} {spec_path}")
        responses = operation.get("responses", {})
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in responses:
                pointer = "/".join(
                    ("", "paths", escape_pointer(spec_path), method.lower(), "responses", key)
                )
                response, ref_pointer = self.resolve(responses[key])
                return response, ref_pointer or pointer
        raise AssertionError(
            f"{method.upper()} {spec_path} answered {status}, which openapi.yaml does not "
            f"declare (declared: {', '.join(sorted(responses))})"
        )

    # -- validating -------------------------------------------------------------------------

    def validator(self, schema_pointer: str) -> Validator:
        """Return the (cached) validator of the schema at a JSON pointer of the document."""
        validator = self._validators.get(schema_pointer)
        if validator is None:
            validator = OAS31Validator(
                {"$ref": f"{SPEC_URI}#{schema_pointer}"},
                registry=self.registry,
                format_checker=oas31_format_checker,
            )
            self._validators[schema_pointer] = validator
        return validator

    def check(self, schema_pointer: str, instance: Any, what: str) -> None:
        """Validate an instance against the schema at a pointer; explain every failure.

        :raises AssertionError: listing the failures by JSON path.
        """
        errors = sorted(
            self.validator(schema_pointer).iter_errors(instance),
            key=lambda e: list(map(str, e.absolute_path)),
        )
        if not errors:
            return
        lines = [f"{what} does not match openapi.yaml #{schema_pointer}:"]
        for error in errors[:MAX_REPORTED_ERRORS]:
            lines.append(f"  at {error.json_path}: {error.message[:300]}")
        if len(errors) > MAX_REPORTED_ERRORS:
            lines.append(f"  ... and {len(errors) - MAX_REPORTED_ERRORS} more")
        raise AssertionError("\n".join(lines))

    def check_body(self, response: dict[str, Any], pointer: str, body: Any, what: str) -> None:
        """Validate a body against a declared response (at ``pointer``): JSON content or none."""
        content = response.get("content")
        if not content:
            if body not in (None, b"", ""):
                raise AssertionError(f"{what}: openapi.yaml declares no body, got {body!r:.200}")
            return
        if JSON not in content:
            raise AssertionError(f"{what}: openapi.yaml declares no {JSON} body")
        if "schema" in content[JSON]:
            self.check(f"{pointer}/content/{escape_pointer(JSON)}/schema", body, what)

    def validate_response(self, method: str, rule: str, status: int, body: Any) -> None:
        """Check that an operation declares the status and that the JSON body matches it."""
        response, pointer = self.response(method, rule, status)
        self.check_body(response, pointer, body, f"{method.upper()} {rule} -> {status}")

    def validate_text_response(
        self, method: str, rule: str, status: int, mimetype: str, text: str
    ) -> None:
        """Check that an operation declares the status with this (non-JSON) media type, and
        that the body is text (a CSV table, an HTML page)."""
        response, _pointer = self.response(method, rule, status)
        if "$ref" in response:
            response = self.at(response["$ref"].removeprefix("#"))
        declared = response.get("content", {})
        if mimetype not in declared:
            raise AssertionError(
                f"{method.upper()} {rule} -> {status} is {mimetype}; openapi.yaml declares "
                f"{sorted(declared)}"
            )
        if declared[mimetype].get("schema", {}).get("type") == "string" and not text:
            raise AssertionError(f"{method.upper()} {rule} -> {status}: an empty {mimetype} body")

    def validate_routing_error(self, status: int, body: Any) -> None:
        """Check a response that matched no rule: a 404 or 405 in the shared error shape."""
        name = ROUTING_ERRORS.get(status)
        if name is None:
            raise AssertionError(f"a request that matched no route answered {status}")
        pointer = f"/components/responses/{name}"
        self.check_body(self.at(pointer), pointer, body, f"routing error {status}")

    def validate_error(self, status: int, body: Any) -> None:
        """Check an error body against components/schemas/Error."""
        self.check("/components/schemas/Error", body, f"error {status}")

    # -- walking ----------------------------------------------------------------------------

    def iter_operations(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Yield (spec path, METHOD, operation) for every operation of the spec."""
        for spec_path in self.document["paths"]:
            for method, operation in self.operations(spec_path).items():
                yield spec_path, method, operation


class UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise AssertionError(f"openapi.yaml: key {key!r} twice, {key_node.start_mark}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


@functools.cache
def load_spec() -> OpenApiSpec:
    """Load openapi.yaml and check it against the OpenAPI 3.1 specification (once per run)."""
    with SPEC_PATH.open(encoding="utf-8") as file:
        document = yaml.load(file, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader
    validate_spec(document)
    return OpenApiSpec(document)


def validate_response(method: str, rule: str, status: int, body: Any) -> None:
    """Check a response of the operation at a Flask URL rule against openapi.yaml.

    :raises AssertionError: when the operation or status is not declared, or the body does not
        match the declared schema.
    """
    load_spec().validate_response(method, rule, status, body)


def response_body(response: TestResponse, what: str) -> Any:
    """Return a test response's body: parsed JSON, or None when it is empty."""
    data = response.get_data()
    if not data:
        return None
    if response.mimetype != JSON:
        raise AssertionError(f"{what}: the body is {response.mimetype}, not {JSON}")
    try:
        return json.loads(data)
    except ValueError as error:
        raise AssertionError(f"{what}: the body is not JSON: {error}") from error


def check_test_response(app: Flask, response: TestResponse) -> None:
    """Validate one response of the test client against openapi.yaml.

    The rule is found the way Flask found it, from the request's environ. A rule the spec does
    not declare can only have been added by a test (tests/api/test_openapi.py checks that the
    app's own rules and the spec's paths are the same set): its errors must still have the one
    error shape, anything else it answers is the test's business.
    """
    spec = load_spec()
    request = app.request_class(response.request.environ)
    method = request.method
    what = f"{method} {request.path} -> {response.status_code}"
    adapter = app.create_url_adapter(request)
    assert adapter is not None
    try:
        rule, _args = adapter.match(return_rule=True)
    except HTTPException:
        spec.validate_routing_error(response.status_code, response_body(response, what))
        return
    spec_path = spec.spec_path(rule.rule)
    if spec_path is None:
        if response.status_code >= 400:
            spec.validate_error(response.status_code, response_body(response, what))
        return
    if method in AUTOMATIC_METHODS and method not in spec.operations(spec_path):
        return
    if response.status_code < 400 and response.mimetype != JSON and response.get_data():
        spec.validate_text_response(
            method, rule.rule, response.status_code, response.mimetype, response.get_data(True)
        )
        return
    spec.validate_response(method, rule.rule, response.status_code, response_body(response, what))


class ContractClient(FlaskClient):
    """A test client that checks every response it receives against openapi.yaml."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        response = super().open(*args, **kwargs)
        check_test_response(self.application, response)
        return response
