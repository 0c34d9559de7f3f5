"""A virtual environment of its own for a pinned client, built once and reused across runs.

The environment lives under ``.venv-compat/`` in the project root (git ignores it), in a folder
named after the client, the Python version and a hash of the requirements file, so that a rerun
finds it ready and a changed pin builds a new one. Building takes a lock, so that two pytest
processes never build the same folder at once, and writes a marker last: a folder without the
marker (an interrupted build) is removed and built again.
"""

from __future__ import annotations

import fcntl
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from app.config import PROJECT_ROOT

CACHE_DIR = PROJECT_ROOT / ".venv-compat"
_MARKER = ".complete"


def ensure_venv(name: str, requirements: Path, *, timeout_s: float = 240) -> Path:
    """Return the folder of a virtual environment with exactly the pinned requirements.

    The requirements are installed with ``--no-deps``: the file pins every distribution the
    client imports, so nothing is resolved (or upgraded) behind its back.

    :raises RuntimeError: when the environment cannot be built (pip's output is in the message).
    """
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()[:12]
    python = f"py{sys.version_info.major}{sys.version_info.minor}"
    venv = CACHE_DIR / f"{name}-{python}-{digest}"
    CACHE_DIR.mkdir(exist_ok=True)
    with open(CACHE_DIR / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (venv / _MARKER).exists():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        steps = [
            [sys.executable, "-m", "venv", str(venv)],
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-input",
                "--no-deps",
                "--requirement",
                str(requirements),
            ],
        ]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=timeout_s)
            if done.returncode != 0:
                raise RuntimeError(
                    f"{' '.join(step)} failed ({done.returncode}):\n"
                    f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
                )
        (venv / _MARKER).write_text(requirements.read_text())
        return venv
