"""Contracts are append-only in the database itself: no delete, no edit, one revocation stamp."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from app.models import Contract

pytestmark = pytest.mark.integration


def active_contract_id(session):
    return session.scalar(
        sa.select(Contract.contract_id).where(
            Contract.subscriber_id == "70000001", Contract.revoked_at_ms.is_(None)
        )
    )


@pytest.mark.parametrize(
    "change",
    [
        {"grants_consumer_pii": False},
        {"covers_to_ms": 1},
        {"expires_at_ms": 1},
        {"agreement_ref": "rewritten"},
        {"subscriber_id": "70000002"},
    ],
)
def test_terms_cannot_be_edited(session, change):
    contract_id = active_contract_id(session)
    with pytest.raises(DatabaseError, match="never edited"), session.begin_nested():
        session.execute(
            sa.update(Contract).where(Contract.contract_id == contract_id).values(**change)
        )


def test_contracts_cannot_be_deleted(session):
    contract_id = active_contract_id(session)
    with pytest.raises(DatabaseError, match="never deleted"), session.begin_nested():
        session.execute(sa.delete(Contract).where(Contract.contract_id == contract_id))


def test_revocation_is_stamped_once(session):
    contract_id = active_contract_id(session)
    stamp = {"revoked_at_ms": 1_700_000_000_000, "revocation_reason": "test", "revoked_by": "sub"}
    session.execute(sa.update(Contract).where(Contract.contract_id == contract_id).values(**stamp))
    assert (
        session.get(Contract, contract_id, populate_existing=True).revoked_at_ms
        == stamp["revoked_at_ms"]
    )
    with pytest.raises(DatabaseError, match="never edited"), session.begin_nested():
        session.execute(
            sa.update(Contract)
            .where(Contract.contract_id == contract_id)
            .values(revoked_at_ms=1_800_000_000_000)
        )
