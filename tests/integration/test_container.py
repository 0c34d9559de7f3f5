"""The container image's recipe, checked without a Docker engine (this machine has none).

What can be run here is run: the entrypoint script migrates a database before it hands over to
the command, and the image's health check command answers against a real gunicorn. The rest of
the Dockerfile is read and held to its rules: slim base, a non-root user, a health check, and
every file the service needs copied in.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from app.config import PROJECT_ROOT
from tests.support.live_server import gunicorn

SH = "/bin/sh"
DOCKERFILE = (PROJECT_ROOT / "Dockerfile").read_text()
ENTRYPOINT = PROJECT_ROOT / "docker-entrypoint.sh"


def instructions() -> list[tuple[str, str]]:
    """Return the Dockerfile's instructions as (KEYWORD, arguments), continuations joined."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE)
    result = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def test_base_image_is_slim_python_311():
    froms = [args for keyword, args in instructions() if keyword == "FROM"]
    assert froms, "no FROM"
    assert froms[0].startswith("python:3.11-slim")


def test_service_runs_as_a_non_root_user():
    steps = instructions()
    users = [(i, args) for i, (keyword, args) in enumerate(steps) if keyword == "USER"]
    assert users, "no USER instruction"
    index, user = users[-1]
    assert user not in ("root", "0")
    start = [i for i, (keyword, _) in enumerate(steps) if keyword in ("ENTRYPOINT", "CMD")]
    assert start, "no ENTRYPOINT or CMD"
    assert min(start) > index, "the service must start after USER"


def test_every_file_the_service_needs_is_copied():
    copied: set[str] = set()
    for keyword, args in instructions():
        if keyword == "COPY":
            *sources, _target = shlex.split(args)
            for source in sources:
                assert (PROJECT_ROOT / source).exists(), f"COPY source {source} is missing"
                copied.add(source)
    needed = {"app", "schemas", "seed", "migrations", "alembic.ini", "gunicorn.conf.py"}
    assert needed <= copied


def test_entrypoint_migrates_before_the_command(tmp_path):
    database = tmp_path / "container.db"
    url = f"sqlite:///{database}"
    probe = (
        "import sqlalchemy as sa, os;"
        "e = sa.create_engine(os.environ['DATABASE_URL']);"
        "print(e.connect().exec_driver_sql('select version_num from alembic_version').scalar())"
    )
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "DATABASE_URL": url, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = subprocess.run(  # noqa: S603 - our own script
        [SH, str(ENTRYPOINT), sys.executable, "-c", probe],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    head = subprocess.run(  # noqa: S603
        [str(bin_dir / "alembic"), "heads"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout.split()[0]
    assert result.stdout.strip() == head
    with sa.create_engine(url).connect() as conn:
        assert "conversations" in sa.inspect(conn).get_table_names()


def test_health_check_command_passes_against_the_service(tmp_path):
    health = [args for keyword, args in instructions() if keyword == "HEALTHCHECK"]
    assert health, "no HEALTHCHECK"
    command = health[0].split(" CMD ", 1)[1]
    url = f"sqlite:///{tmp_path / 'health.db'}"
    bin_dir = Path(sys.executable).parent
    subprocess.run(  # noqa: S603
        [str(bin_dir / "alembic"), "upgrade", "head"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        capture_output=True,
    )
    with gunicorn(url, tmp_path / "gunicorn.log") as base:
        port = base.rsplit(":", 1)[1]
        env = {**os.environ, "PORT": port, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
        ok = subprocess.run([SH, "-c", command], env=env, capture_output=True, check=False)  # noqa: S603
        assert ok.returncode == 0, ok.stderr
    down = subprocess.run([SH, "-c", command], env=env, capture_output=True, check=False)  # noqa: S603
    assert down.returncode != 0, "the health check must fail when the service is down"
