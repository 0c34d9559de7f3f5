"""Text expressions of the conversations search (E1): keyword, summary and sdeSearch.

docs/decisions.md: whole words, case-insensitive, every word must occur in any order; a
double-quoted part must occur as that exact sequence of words; no stemming, no prefix matching;
numbers of any length are searchable. ``keyword`` reads the messages of the transcript (one text
per conversation), ``summary`` the summary text; ``sdeSearch`` ORs its keys, each searching every
string and number of that kind of engagement attribute, authenticated or not.
"""

from __future__ import annotations

import pytest

from tests.api.search.search_helpers import expect
from tests.support.search_records import at, conversation, sde_event

pytestmark = pytest.mark.api


def _transcripts():
    return [
        conversation("k1", at(0), texts=("I want a Refund for my order", "thanks a lot")),
        conversation("k2", at(1), texts=("refunds are slow",)),
        conversation("k3", at(2), texts=("order my refund, please!",)),
        conversation("k4", at(3), texts=("my order arrived",)),
        conversation("k5", at(4), texts=("tracking number 12345678",)),
        conversation(
            "summary_only",
            at(5),
            texts=("hi",),
            summary={"text": "Customer asked about a late delivery"},
        ),
    ]


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        pytest.param("refund", ("k1", "k3"), id="whole-word-not-plural"),
        pytest.param("REFUND", ("k1", "k3"), id="case-insensitive"),
        pytest.param("order refund", ("k1", "k3"), id="all-words-any-order"),
        pytest.param("refund arrived", (), id="every-word-must-occur"),
        pytest.param("refund thanks", ("k1",), id="words-across-messages"),
        pytest.param('"refund for my order"', ("k1",), id="phrase"),
        pytest.param('"my refund"', ("k3",), id="phrase-exact-order"),
        pytest.param('"refund order"', (), id="phrase-words-not-adjacent"),
        pytest.param('"order my" refund', ("k3",), id="phrase-and-word"),
        pytest.param('"Refund For My Order" thanks', ("k1",), id="phrase-case-insensitive"),
        pytest.param("refun", (), id="no-prefix"),
        pytest.param("refunded", (), id="no-stemming"),
        pytest.param("12345678", ("k5",), id="long-number"),
        pytest.param("1234", (), id="part-of-number"),
        pytest.param("delivery", (), id="summary-is-not-transcript"),
        pytest.param("please", ("k3",), id="punctuation-around-word"),
    ],
)
def test_keyword_searches_message_texts(api, keyword, expected):
    api.ingest(_transcripts())
    expect(api.ids({"keyword": keyword}), *expected)


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        pytest.param("delivery", ("summary_only",), id="word"),
        pytest.param("Late DELIVERY", ("summary_only",), id="words-case-insensitive"),
        pytest.param('"late delivery"', ("summary_only",), id="phrase"),
        pytest.param('"delivery late"', (), id="phrase-wrong-order"),
        pytest.param("refund", (), id="transcript-is-not-summary"),
        pytest.param("deliver", (), id="no-prefix"),
    ],
)
def test_summary_searches_the_summary_text(api, summary, expected):
    api.ingest(_transcripts())
    expect(api.ids({"summary": summary}), *expected)


def _sde_records():
    return [
        conversation(
            "customer_gold",
            at(0),
            sdes={
                "events": [
                    sde_event(
                        "customerInfo",
                        {
                            "customerStatus": "Gold member",
                            "customerId": "CUST-778",
                            "imei": "356938035643809",
                        },
                    )
                ]
            },
        ),
        conversation(
            "personal_unauth",
            at(1),
            unAuthSdes={
                "events": [sde_event("personalInfo", {"name": "Alice", "surname": "Smith"})]
            },
        ),
        conversation(
            "purchase",
            at(2),
            sdes={
                "events": [
                    sde_event("purchase", {"total": 99.5, "orderId": "ORD1"}, nested=False),
                    sde_event("searchContent", {"keywords": ["blue shoes"]}, nested=False),
                ]
            },
        ),
        conversation(
            "lead_in_both",
            at(3),
            sdes={"events": [sde_event("lead", {"topic": "mortgage offer"})]},
            unAuthSdes={"events": [sde_event("serviceActivity", {"topic": "gold upgrade"})]},
        ),
        conversation("no_sdes", at(4), texts=("gold member Smith",)),
    ]


@pytest.mark.parametrize(
    ("sde_search", "expected"),
    [
        pytest.param({"customerInfo": "gold"}, ("customer_gold",), id="authenticated"),
        pytest.param({"customerInfo": "GOLD Member"}, ("customer_gold",), id="words"),
        pytest.param({"customerInfo": '"member gold"'}, (), id="phrase-order"),
        pytest.param({"personalInfo": "smith"}, ("personal_unauth",), id="unauthenticated"),
        pytest.param({"customerInfo": "smith"}, (), id="other-kind-not-searched"),
        pytest.param(
            {"customerInfo": "gold", "personalInfo": "alice"},
            ("customer_gold", "personal_unauth"),
            id="or-between-keys",
        ),
        pytest.param(
            {"customerInfo": "nobody", "personalInfo": "alice"},
            ("personal_unauth",),
            id="or-one-key-matching",
        ),
        pytest.param({"purchase": "ORD1"}, ("purchase",), id="flat-kind"),
        pytest.param({"searchContent": '"blue shoes"'}, ("purchase",), id="list-value"),
        pytest.param({"customerInfo": "356938035643809"}, ("customer_gold",), id="long-number"),
        pytest.param({"serviceActivity": "gold"}, ("lead_in_both",), id="unauth-service"),
        pytest.param({"lead": "mortgage"}, ("lead_in_both",), id="lead"),
        pytest.param({"lead": "gold"}, (), id="lead-not-service-activity"),
        pytest.param(
            {"customerInfo": "member", "lead": "offer"},
            ("customer_gold", "lead_in_both"),
            id="or-two-kinds",
        ),
    ],
)
def test_sde_search_ors_its_keys(api, sde_search, expected):
    api.ingest(_sde_records())
    expect(api.ids({"sdeSearch": sde_search}), *expected)
