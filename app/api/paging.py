"""``_metadata`` of a paged listing: the count and links to this, the next and the previous page.

The same links as the searches' (absolute URLs of the same request, every other query parameter
kept, ``limit`` and ``offset`` set), without the searches' ``shardsStatusResult``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import request


def _link(rel: str, params: dict[str, str], offset: int, limit: int) -> dict[str, str]:
    query = urlencode({**params, "limit": limit, "offset": offset}, safe=":")
    return {"rel": rel, "href": f"{request.base_url}?{query}"}


def page_metadata(count: int, *, offset: int, limit: int) -> dict[str, Any]:
    """Return ``{"count", "self", "next"?, "prev"?}`` for a page of the current request."""
    params = {key: request.args[key] for key in request.args if key not in ("limit", "offset")}
    metadata: dict[str, Any] = {"count": count, "self": _link("self", params, offset, limit)}
    if offset + limit < count:
        metadata["next"] = _link("next", params, offset + limit, limit)
    if offset > 0:
        metadata["prev"] = _link("prev", params, max(0, offset - limit), limit)
    return metadata
