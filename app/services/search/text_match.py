"""Text expressions (keyword, summary, sdeSearch, ...) as full-text conditions of both databases.

An expression is words and double-quoted phrases: every word must occur, each phrase as that
exact sequence of words. Each database tokenizes the expression with the tokenizer of its own
index, so query and index always agree: PostgreSQL's ``simple`` configuration (no stemming, no
stop words) through ``plainto_tsquery``/``phraseto_tsquery``, SQLite's FTS5 ``unicode61``
through quoted FTS5 strings (a quoted string is a phrase of its tokens, never an operator).
Expressions and stored texts are first reduced to plain words (app.services.words).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from app.models import Conversation, ConversationText
from app.services.words import words

FTS_TABLE = sa.table("conversation_texts_fts", sa.column("rowid"))
_SIMPLE: sa.ColumnClause[object] = sa.literal_column("'simple'::regconfig")


@dataclass(frozen=True)
class Expression:
    words: tuple[str, ...]
    phrases: tuple[str, ...]


def parse(text: str) -> Expression:
    """Split an expression into loose words and phrases: a quoted part (an unclosed quote runs
    to the end) is a phrase, and so is a loose word with punctuation inside ("e-mail" is the
    phrase "e mail"), because stored texts are split the same way (app.services.words)."""
    loose: list[str] = []
    phrases: list[str] = []
    for index, part in enumerate(text.split('"')):
        if index % 2:
            phrase = words(part)
            if phrase:
                phrases.append(" ".join(phrase))
            continue
        for chunk in part.split():
            pieces = words(chunk)
            if len(pieces) == 1:
                loose.append(pieces[0])
            elif pieces:
                phrases.append(" ".join(pieces))
    return Expression(tuple(loose), tuple(phrases))


def _fts5_query(expression: Expression) -> str:
    parts = [*expression.words, *expression.phrases]
    return " ".join(f'"{part}"' for part in parts)  # words hold no quotes


def _tsquery(expression: Expression) -> ColumnElement[object]:
    parts: list[ColumnElement[object]] = []
    if expression.words:
        parts.append(sa.func.plainto_tsquery(_SIMPLE, " ".join(expression.words)))
    parts.extend(sa.func.phraseto_tsquery(_SIMPLE, phrase) for phrase in expression.phrases)
    query = parts[0]
    for part in parts[1:]:
        query = query.op("&&")(part)
    return query


def matching_conversations(
    dialect: str, fields: Sequence[str], text: str, account_ids: Sequence[str]
) -> sa.Select[str, str]:
    """Return the (account_id, conversation_id) pairs whose text in one of ``fields`` holds the
    expression, driven by the full-text index."""
    expression = parse(text)
    texts = ConversationText
    select = sa.select(texts.account_id, texts.conversation_id).where(texts.field.in_(fields))
    if dialect == "sqlite":
        # The FTS5 match runs once, and its rows are fetched by their integer key. SQLite would
        # otherwise walk the account's texts and run the match once per text; so the account
        # is left to the outer statement here, where it narrows conversations instead.
        match = sa.literal_column("conversation_texts_fts").op("MATCH")(_fts5_query(expression))
        matched = sa.select(FTS_TABLE.c.rowid).where(match)
        return select.where(texts.text_id.in_(matched))
    vector = sa.func.to_tsvector(_SIMPLE, texts.body)
    return select.where(vector.op("@@")(_tsquery(expression)), texts.account_id.in_(account_ids))


def text_condition(
    dialect: str, fields: Sequence[str], text: str, account_ids: Sequence[str]
) -> ColumnElement[bool]:
    """A condition on ``Conversation``: one of its ``fields`` texts holds the expression."""
    pairs = matching_conversations(dialect, fields, text, account_ids)
    return sa.tuple_(Conversation.account_id, Conversation.conversation_id).in_(pairs)
