import os
import subprocess
import sys
from pathlib import Path

import pytest

from strongcities.env import email_settings

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1",
    "ALLOWED_HOSTS": "portal.strongcities.example",
    "SITE_URL": "https://portal.strongcities.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/strongcities",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.org:587?tls=1",
}


def run_manage(*args, env):
    # the test run's own switches (plain HTTP, async-unsafe ORM for Playwright) must not leak
    dropped = {*PRODUCTION_ENV, "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_deploy_check_has_no_warnings_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_quick_start_on_sqlite_checks_its_database_without_warnings(tmp_path):
    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'quick.sqlite3'}"}
    result = run_manage("check", "--database", "default", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_secret_key_is_required_when_debug_is_off():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_email_url_smtp_with_tls():
    config = email_settings("smtp://mailer:s%40cret@smtp.example.org:587?tls=1")
    assert config["EMAIL_HOST"] == "smtp.example.org"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "mailer"
    assert config["EMAIL_HOST_PASSWORD"] == "s@cret"
    assert config["EMAIL_USE_TLS"] is True
    assert config["EMAIL_USE_SSL"] is False


def test_email_url_file_and_unknown_scheme():
    assert email_settings("file:///tmp/mails")["EMAIL_FILE_PATH"] == "/tmp/mails"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        email_settings("carrier-pigeon://coop")


def test_security_headers_on_a_page(client, db):
    response = client.get("/en/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_pages_load_nothing_from_other_sites(client, db):
    html = client.get("/en/").content.decode()
    for attribute in ('src="http', "src='http", 'href="http://', "url(http"):
        assert attribute not in html
