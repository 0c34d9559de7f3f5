"""A real gunicorn serving the app on a free loopback port, for tests with real HTTP clients."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy.orm import Session

from app.config import PROJECT_ROOT
from app.db import create_db_engine
from seed.demo import add_demo_identities


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def add_identities(url: str) -> None:
    """Commit the demo identities into a freshly migrated database."""
    engine = create_db_engine(url)
    with Session(engine) as session, session.begin():
        add_demo_identities(session, now_ms=int(time.time() * 1000))
    engine.dispose()


@contextmanager
def gunicorn(database_url: str, log_path: Path, **env: str) -> Iterator[str]:
    """Run gunicorn against a database; yield its base URL; stop it afterwards.

    Throttling is off unless ``env`` turns it on (``RATELIMIT_ENABLED="true"``): the real
    clients of these tests send bursts that LivePerson's limits would refuse.
    """
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "PUBLIC_HOST": f"127.0.0.1:{port}",
        "RATELIMIT_ENABLED": "false",
        **env,
    }
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            [str(gunicorn_bin), "-c", "gunicorn.conf.py", "app:create_app()"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if requests.get(base + "/health", timeout=1).status_code == 200:
                        break
                except requests.RequestException:  # not listening yet, or still booting
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")
                time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)
