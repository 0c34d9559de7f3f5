"""OAuth 1.0 verification of LivePerson-style app keys, done by oauthlib.

LivePerson's "API keys" are four values (consumer key and secret, access token and token secret)
used two-legged: the client signs each request with HMAC-SHA1 over the method, the URL as the
server sees it (scheme, host, path, query) and the OAuth parameters. A JSON body is not signed.
oauthlib does the signing maths and the parameter checks; this module supplies the key store,
the timestamp window and nonce replay protection.
"""

from __future__ import annotations

import time
from typing import Any

from oauthlib.oauth1 import RequestValidator, ResourceEndpoint
from oauthlib.oauth1.rfc5849 import utils as oauth_utils
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain import Principal
from app.errors import Unauthenticated
from app.models import AppKey
from app.repositories import credentials
from app.services.access import principal_of

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")


class _AppKeyValidator(RequestValidator):  # type: ignore[misc]
    """Answers oauthlib's questions from our key store; one instance per request."""

    def __init__(self, session: Session, window_s: int) -> None:
        super().__init__()
        self._session = session
        self._window_s = window_s
        self.app_key: AppKey | None = None
        self.nonce_replayed = False

    # Keys, tokens and nonces are issued by us or by clients' libraries: accept the shapes
    # they use (dashes in demo keys, 32-char nonces) instead of oauthlib's narrow defaults.
    enforce_ssl = False
    allowed_signature_methods = ("HMAC-SHA1", "HMAC-SHA256")
    client_key_length = (3, 100)
    access_token_length = (3, 200)
    nonce_length = (6, 100)
    dummy_client = "dummy-client-key"
    dummy_access_token = "dummy-access-token"  # noqa: S105 - oauthlib's placeholder, not a secret

    @property
    def safe_characters(self) -> set[str]:
        return _SAFE

    @property
    def timestamp_lifetime(self) -> int:
        return self._window_s

    def _key(self, client_key: str) -> AppKey | None:
        if self.app_key is None or self.app_key.consumer_key != client_key:
            self.app_key = credentials.get_app_key(self._session, consumer_key=client_key)
        return self.app_key

    def validate_client_key(self, client_key: str, request: Any) -> bool:
        return self._key(client_key) is not None

    def validate_access_token(self, client_key: str, token: str, request: Any) -> bool:
        key = self._key(client_key)
        return key is not None and key.access_token == token

    def get_client_secret(self, client_key: str, request: Any) -> str:
        key = self._key(client_key)
        return key.consumer_secret if key is not None else "dummy-secret"

    def get_access_token_secret(self, client_key: str, token: str, request: Any) -> str:
        key = self._key(client_key)
        if key is not None and key.access_token == token:
            return key.token_secret
        return "dummy-token-secret"

    def validate_timestamp_and_nonce(
        self,
        client_key: str,
        timestamp: str,
        nonce: str,
        request: Any,
        request_token: str | None = None,
        access_token: str | None = None,
    ) -> bool:
        # Only look here; the nonce is stored once the whole request has verified, so that
        # forged requests cannot fill the table.
        self.nonce_replayed = credentials.nonce_seen(
            self._session, consumer_key=client_key, timestamp=int(timestamp), nonce=nonce
        )
        return not self.nonce_replayed

    def validate_realms(self, *args: Any, **kwargs: Any) -> bool:
        return True


def _rejected(problem: str, message: str) -> Unauthenticated:
    # The reason mirrors LivePerson's data APIs: "oauth_problem=<problem>".
    return Unauthenticated(message, reason=f"oauth_problem={problem}")


def verify_request(
    session: Session,
    *,
    method: str,
    uri: str,
    authorization: str,
    window_s: int,
    now_s: float | None = None,
) -> Principal:
    """Verify an OAuth 1.0 signed request and return the app key's principal.

    :raises Unauthenticated: for a malformed header, a timestamp outside the window, an unknown
        key or token, a nonce used before, or a signature that does not match.
    """
    now_s = time.time() if now_s is None else now_s
    try:
        params = dict(oauth_utils.parse_authorization_header(authorization))
    except (ValueError, IndexError) as error:
        raise _rejected("parameter_rejected", "The OAuth header cannot be parsed.") from error
    timestamp = params.get("oauth_timestamp", "")
    if not timestamp.isdigit() or abs(now_s - int(timestamp)) > window_s:
        raise _rejected(
            "timestamp_refused", f"The OAuth timestamp is more than {window_s} s from now."
        )
    validator = _AppKeyValidator(session, window_s)
    valid, _request = ResourceEndpoint(validator).validate_protected_resource_request(
        uri, http_method=method, body=None, headers={"Authorization": authorization}
    )
    key = validator.app_key
    if validator.nonce_replayed:
        raise _rejected("nonce_used", "This OAuth nonce was already used.")
    if not valid or key is None:
        if key is None:
            raise _rejected("consumer_key_unknown", "The app key is not known.")
        raise _rejected("signature_invalid", "The OAuth signature or token does not match.")
    try:
        with session.begin_nested():
            credentials.record_nonce(
                session,
                consumer_key=key.consumer_key,
                timestamp=int(timestamp),
                nonce=params["oauth_nonce"],
            )
    except IntegrityError as error:  # the same nonce arrived twice at the same moment
        raise _rejected("nonce_used", "This OAuth nonce was already used.") from error
    # Nonces older than the window can never be replayed (the timestamp check refuses them):
    # each key clears its own on the way, a range of the primary key, so the table stays small.
    credentials.purge_nonces(
        session, older_than_s=int(now_s) - window_s, consumer_key=key.consumer_key
    )
    return principal_of(
        session,
        account_id=key.account_id,
        credential=f"app_key:{key.consumer_key}",
        permissions=key.permissions,
    )
