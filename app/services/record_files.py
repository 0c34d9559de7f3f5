"""Reading conversation records from files in constant memory: NDJSON or one JSON document.

A JSON document may be a list of records or a search response (``conversationHistoryRecords``);
ijson walks it item by item, so a file of any size needs the memory of one record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import ijson
import orjson


def _first_char(stream: IO[bytes]) -> bytes:
    while True:
        char = stream.read(1)
        if not char or not char.isspace():
            return char


def _is_ndjson(stream: IO[bytes]) -> bool:
    first_line = stream.readline()
    stream.seek(0)
    try:
        first = orjson.loads(first_line)
    except orjson.JSONDecodeError:
        return False
    return isinstance(first, dict) and "info" in first


def read_records(stream: IO[bytes]) -> Iterator[Any]:
    """Yield the records of a JSON or NDJSON stream (a seekable binary file)."""
    first = _first_char(stream)
    stream.seek(0)
    if first == b"[":
        yield from ijson.items(stream, "item", use_float=True)
    elif first == b"{" and not _is_ndjson(stream):
        yield from ijson.items(stream, "conversationHistoryRecords.item", use_float=True)
    else:
        for line in stream:
            if line.strip():
                yield orjson.loads(line)
