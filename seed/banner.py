"""Print the demo identities and requests a user can paste (``make run`` shows this)."""

from __future__ import annotations

import argparse

from seed.demo import (
    ANALYST,
    PLATFORM_ID,
    PLATFORM_KEY,
    PROVIDER_ID,
    PROVIDER_KEY,
    SUBSCRIBER_ADMIN,
    SUBSCRIBER_IDS,
    SUBSCRIBER_KEY,
    DemoKey,
    DemoLogin,
    contract_plan,
)


def _key(key: DemoKey) -> str:
    return " / ".join((key.consumer_key, key.consumer_secret, key.access_token, key.token_secret))


def _login(login: DemoLogin) -> str:
    return f"{login.username} / {login.password}   (account {login.account_id})"


def banner(port: int) -> str:
    """Return the text that introduces a running demo service."""
    base = f"http://127.0.0.1:{port}"
    contracts = "\n".join(
        f"    {sid}  {(plan.note if plan else 'no contract')}"
        for sid in SUBSCRIBER_IDS
        for plan in [contract_plan(sid)]
    )
    return f"""
Marketplace Messaging Interactions — demo marketplace (development data only)

  Provider {PROVIDER_ID} "Demo Marketplace"; subscribers {SUBSCRIBER_IDS[0]}..{SUBSCRIBER_IDS[-1]}:
{contracts}
  Platform {PLATFORM_ID} "Marketplace Platform" records contracts (its app key below).

  OAuth 1.0 app keys (consumer key / secret / token / token secret):
    provider  {_key(PROVIDER_KEY)}
    70000001  {_key(SUBSCRIBER_KEY)}
    platform  {_key(PLATFORM_KEY)}
  Logins:
    provider analyst  {_login(ANALYST)}
    subscriber admin  {_login(SUBSCRIBER_ADMIN)}

  Try:
    curl -s '{base}/health'
    curl -s '{base}/api/account/70000001/service/msgHist/baseURI.json?version=1.0'
    curl -s -X POST '{base}/api/account/70000001/login?v=1.3' \\
         -H 'Content-Type: application/json' -d '{{"username":"sub1-admin","password":"sub1-pass"}}'
    .venv/bin/python -c "import requests, requests_oauthlib as o; \\
print(requests.post('{base}/marketplace/api/account/70000001/conversations', json=[], \\
auth=o.OAuth1('demo-sub1-key','demo-sub1-secret','demo-sub1-token','demo-sub1-token-secret')).json())"
    .venv/bin/python -c "import requests, requests_oauthlib as o; \\
print(requests.get('{base}/marketplace/api/account/70000001/contracts', \\
auth=o.OAuth1('demo-sub1-key','demo-sub1-secret','demo-sub1-token','demo-sub1-token-secret')).json())"
    .venv/bin/flask --app app contracts list --account 70000000 --state active
"""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m seed.banner")
    parser.add_argument("--port", type=int, default=8000)
    print(banner(parser.parse_args().port))


if __name__ == "__main__":
    main()
