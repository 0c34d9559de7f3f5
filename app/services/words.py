"""The words of a searchable text, the same for both full-text indexes.

PostgreSQL's parser keeps ``support@example.com`` or ``example.com/help`` as single tokens while
SQLite's FTS5 splits them into words, so one search would find different conversations on the
two databases. Texts are therefore stored for search with every run of characters that are not
letters or digits turned into one space, and search expressions are split the same way: both
indexes then see plain words, and "e-mail" is the phrase "e mail" everywhere.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\W_]+")
# The same for ASCII text, which is most text, at a third of the cost (ingestion runs it on
# every transcript): every ASCII character that is not a letter or digit becomes a space.
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def searchable(text: str) -> str:
    """Return the text with every run of non-word characters replaced by one space."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_SEPARATORS).split())
    return _SEPARATORS.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Return the words of a text, in order."""
    return searchable(text).split()
