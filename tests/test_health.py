import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_redis_up(client, settings):
    assert settings.REDIS_URL, "tests run with REDIS_URL pointing at a real Redis"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok"}


@pytest.mark.django_db
def test_healthz_reports_redis_down_without_failing(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "down"}


@pytest.mark.django_db
def test_healthz_without_redis_configured(client, settings):
    settings.REDIS_URL = ""
    assert client.get("/healthz").json()["redis"] == "not configured"


def test_healthz_is_503_when_the_database_is_down():
    """A real process whose database address has nothing listening."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode())"
    )
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert status == "503"
    assert json.loads(body)["database"] == "down"
