"""The v=1 (all strings) rendering of typed engagement attributes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from app.services.sde_format import sdes_as_v1

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"

TYPED: dict[str, Any] = {
    "events": [
        {
            "customerInfo": {
                "serverTimeStamp": "1528628536880",
                "isAuthenticated": False,
                "customerInfo": {
                    "customerStatus": "cancelled",
                    "balance": -400.99,
                    "companySize": 2222,
                    "lastPaymentDate": {"year": 2014, "month": 10, "day": 15},
                },
            },
            "sdeType": "CUSTOMER_INFO",
            "serverTimeStamp": "1528628536880",
            "isAuthenticated": False,
        },
        {
            "purchase": {
                "serverTimeStamp": "1528628536882",
                "originalTimeStamp": "1528628536800",
                "total": 78.0,
                "orderId": "Test123",
                "cart": {
                    "numItems": 2,
                    "products": [
                        {"quantity": 2, "product": {"name": "sock", "price": 39}},
                    ],
                },
            },
            "sdeType": "PURCHASE",
            "serverTimeStamp": "1528628536882",
        },
        {
            "visitorError": {
                "serverTimeStamp": "1528628536881",
                "visitorError": {"code": "er100004", "level": 2, "resolved": True},
            },
            "sdeType": "VISITOR_ERROR",
            "serverTimeStamp": "1528628536881",
        },
        {
            "searchContent": {"serverTimeStamp": "1528628536881", "keywords": ["word", "two"]},
            "sdeType": "SEARCH_CONTENT",
            "serverTimeStamp": "1528628536881",
        },
    ]
}

V1: dict[str, Any] = {
    "events": [
        {
            "customerInfo": {
                "serverTimeStamp": "1528628536880",
                "isAuthenticated": False,
                "customerInfo": {
                    "customerStatus": "cancelled",
                    "balance": "-400.99",
                    "companySize": "2222",
                    "lastPaymentDate": {"year": "2014", "month": "10", "day": "15"},
                },
            },
            "sdeType": "CUSTOMER_INFO",
            "serverTimeStamp": "1528628536880",
            "isAuthenticated": False,
        },
        {
            "purchase": {
                "serverTimeStamp": "1528628536882",
                "originalTimeStamp": "1528628536800",
                "total": "78.0",
                "orderId": "Test123",
                "cart": {
                    "numItems": "2",
                    "products": [
                        {"quantity": "2", "product": {"name": "sock", "price": "39"}},
                    ],
                },
            },
            "sdeType": "PURCHASE",
            "serverTimeStamp": "1528628536882",
        },
        {
            "visitorError": {
                "serverTimeStamp": "1528628536881",
                "visitorError": {"code": "er100004", "level": "2", "resolved": "true"},
            },
            "sdeType": "VISITOR_ERROR",
            "serverTimeStamp": "1528628536881",
        },
        {
            "searchContent": {"serverTimeStamp": "1528628536881", "keywords": ["word", "two"]},
            "sdeType": "SEARCH_CONTENT",
            "serverTimeStamp": "1528628536881",
        },
    ]
}


def leaves(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [leaf for value in node.values() for leaf in leaves(value)]
    if isinstance(node, list):
        return [leaf for value in node for leaf in leaves(value)]
    return [node]


def test_typed_values_become_strings() -> None:
    assert sdes_as_v1(TYPED) == V1


def test_typed_input_is_not_modified() -> None:
    typed = copy.deepcopy(TYPED)
    converted = sdes_as_v1(typed)
    assert typed == TYPED
    converted["events"][0]["customerInfo"]["customerInfo"]["lastPaymentDate"]["year"] = "1999"
    assert typed == TYPED


def test_v1_form_is_a_fixed_point() -> None:
    assert sdes_as_v1(V1) == V1


@pytest.mark.parametrize(
    ("value", "text"),
    [(True, "true"), (False, "false"), (0, "0"), (-1, "-1"), (34.0, "34.0"), (0.753, "0.753")],
)
def test_leaf_rendering(value: Any, text: str) -> None:
    section = {"events": [{"lead": {"lead": {"value": value}}, "sdeType": "LEAD"}]}
    assert sdes_as_v1(section)["events"][0]["lead"]["lead"]["value"] == text


@pytest.mark.parametrize("section", [{}, {"events": []}])
def test_empty_sections_pass_through(section: dict[str, Any]) -> None:
    assert sdes_as_v1(section) == section


@pytest.mark.parametrize("name", ["sdes", "unAuthSdes"])
def test_fixture_payloads_are_all_strings(name: str) -> None:
    with (FIXTURES / "full_record.json").open(encoding="utf-8") as handle:
        section = json.load(handle)[name]
    converted = sdes_as_v1(section)
    for event in converted["events"]:
        payloads = [value for value in event.values() if isinstance(value, dict)]
        assert len(payloads) == 1
        payload = {k: v for k, v in payloads[0].items() if k != "isAuthenticated"}
        assert all(isinstance(leaf, str) for leaf in leaves(payload))
    assert [event["sdeType"] for event in converted["events"]] == [
        event["sdeType"] for event in section["events"]
    ]
