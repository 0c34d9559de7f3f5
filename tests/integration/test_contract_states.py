"""A contract's state has one rule; its SQL form (for filtered listings) agrees with it."""

from __future__ import annotations

import itertools

import pytest
import sqlalchemy as sa

from app.models import Contract
from app.repositories import contracts
from schemas import contracts as contract_schemas

pytestmark = pytest.mark.integration

NOW = 1_750_000_000_000
DAY = 86_400_000


def test_the_schemas_know_the_same_states():
    assert contract_schemas.CONTRACT_STATES == contracts.CONTRACT_STATES


def test_sql_states_agree_with_contract_state(session):
    made = []
    shapes = itertools.product(
        (None, NOW - DAY),  # revoked at
        (NOW - DAY, NOW, NOW + DAY),  # effective from
        (None, NOW, NOW + 2 * DAY, NOW - 1),  # expires at
    )
    for revoked_at, effective_from, expires_at in shapes:
        if expires_at is not None and expires_at <= effective_from:
            continue  # refused by the table's check constraint
        contract = Contract(
            provider_id="70000000",
            subscriber_id="70000019",
            grants_metadata=True,
            grants_transcripts=False,
            grants_consumer_pii=False,
            grants_surveys=False,
            effective_from_ms=effective_from,
            expires_at_ms=expires_at,
            revoked_at_ms=revoked_at,
            agreement_ref="STATES",
            created_at_ms=0,
            created_by="test",
        )
        session.add(contract)
        made.append(contract)
    session.flush()
    ids = [c.contract_id for c in made]
    expected = {c.contract_id: contracts.contract_state(c, NOW) for c in made}
    assert set(expected.values()) == set(contracts.CONTRACT_STATES)
    for state in contracts.CONTRACT_STATES:
        found = set(
            session.scalars(
                sa.select(Contract.contract_id).where(
                    Contract.contract_id.in_(ids), contracts.in_state(state, NOW)
                )
            )
        )
        assert found == {cid for cid, s in expected.items() if s == state}, state
