"""Sign requests the way LivePerson clients do, and send them through the Flask test client."""

from __future__ import annotations

from typing import Any

import requests
from flask.testing import FlaskClient
from requests_oauthlib import OAuth1
from werkzeug.test import TestResponse

from seed.demo import DemoKey

BASE = "http://localhost"


def oauth1_for(key: DemoKey, **overrides: Any) -> OAuth1:
    """Return requests-oauthlib's signer for a demo key (overrides: e.g. client_secret)."""
    values = {
        "client_key": key.consumer_key,
        "client_secret": key.consumer_secret,
        "resource_owner_key": key.access_token,
        "resource_owner_secret": key.token_secret,
        "signature_method": "HMAC-SHA1",
        "signature_type": "AUTH_HEADER",
    }
    values.update(overrides)
    return OAuth1(**values)


def signed_headers(method: str, path: str, signer: OAuth1, *, json: Any = None) -> dict[str, str]:
    """Return the headers requests-oauthlib would send for this request."""
    prepared = requests.Request(method, BASE + path, json=json, auth=signer).prepare()
    return {
        k: v.decode() if isinstance(v, bytes) else v
        for k, v in prepared.headers.items()
        if k in ("Authorization", "Content-Type")
    }


def send_signed(
    client: FlaskClient, method: str, path: str, signer: OAuth1, *, json: Any = None
) -> TestResponse:
    """Sign a request with requests-oauthlib and send it through the test client."""
    headers = signed_headers(method, path, signer, json=json)
    return client.open(path, method=method, json=json, headers=headers)
