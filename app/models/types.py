"""Column shapes used across the models."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
from sqlalchemy.orm import mapped_column

# Every time the service stores is Unix epoch milliseconds, the unit LivePerson's API speaks, so
# that comparisons in SQL need no conversion and SQLite and PostgreSQL behave alike.
EpochMs = Annotated[int, mapped_column(sa.BigInteger)]
OptionalEpochMs = Annotated[int | None, mapped_column(sa.BigInteger, nullable=True)]
AccountId = Annotated[str, mapped_column(sa.String(20))]
