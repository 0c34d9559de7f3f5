"""The words both full-text indexes see: one rule, whichever way a text is split."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.words import searchable, words

pytestmark = pytest.mark.unit

# The rule as the module states it, written out plainly: the ASCII fast path must agree with it.
RULE = re.compile(r"[\W_]+")


def by_the_rule(text: str) -> str:
    return RULE.sub(" ", text).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_is_split_by_the_rule(text):
    assert searchable(text) == by_the_rule(text)


@given(st.text())
def test_any_text_is_split_by_the_rule(text):
    assert searchable(text) == by_the_rule(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refund, please!  Order #A-1042_b", "Refund please Order A 1042 b"),
        ("support@example.com/help", "support example com help"),
        ("\t\n  ", ""),
        ("José's café: naïve", "José s café naïve"),
        ("tab\there\r\nnew line", "tab here new line"),
    ],
)
def test_separators_become_one_space(text, expected):
    assert searchable(text) == expected
    assert words(text) == expected.split()
