"""The README's quick start: SQLite, no Redis, migrate, seed, serve in three languages."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_quick_start_on_a_fresh_sqlite_database(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_URL"}
    }
    env.update(DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}")
    for command in (["migrate", "--noinput"], ["seed_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    assert "admin@demo.strongcities.example" in result.stdout

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        pages = {}
        deadline = time.monotonic() + 60
        for language in ("ar", "en", "fr"):
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{language}/") as r:
                        pages[language] = r.read().decode()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert 'lang="ar" dir="rtl"' in pages["ar"]
    assert 'lang="en" dir="ltr"' in pages["en"]
    assert 'lang="fr" dir="ltr"' in pages["fr"]
    assert "Kumanovo" in pages["en"] or "Member cities" in pages["en"]
