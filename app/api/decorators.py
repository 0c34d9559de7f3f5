"""Route registration that cannot forget access control.

Every view is registered through :func:`api_route`, whose ``access`` argument has no default:
a route that does not say who may call it does not exist. ``Access.ACCOUNT`` views run only for
an authenticated caller; the view then asks the access service what that caller may do on the
account in its path.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, g

from app.api.auth import authenticate

View = TypeVar("View", bound=Callable[..., Any])


class Access(enum.Enum):
    PUBLIC = "public"  # no credential: health, domain discovery, login
    AUTHENTICATED = "authenticated"  # a verified credential; the view checks the account


def api_route(
    blueprint: Blueprint, rules: str | Sequence[str], *, methods: list[str], access: Access
) -> Callable[[View], View]:
    """Register a view on a blueprint, under one or more URL rules, with its access rule."""
    rules = [rules] if isinstance(rules, str) else list(rules)
    if not isinstance(access, Access):
        raise TypeError(f"route {rules} must declare its access rule")

    def decorator(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if access is Access.AUTHENTICATED:
                g.principal = authenticate()
            return view(*args, **kwargs)

        guarded.access = access  # type: ignore[attr-defined]
        for rule in rules:
            blueprint.add_url_rule(rule, view_func=guarded, methods=methods)
        return guarded  # type: ignore[return-value]

    return decorator
