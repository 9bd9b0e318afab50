"""Each release reads and writes its own entries in the shared cache: after a deploy no
visitor gets a page the previous release rendered (linking static files the new image
no longer has), and no code unpickles an object of the previous release's shape. The
pages' generations stay shared, so during a rolling deploy a change made on a node of
either release shows on every node at once."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from members import engagement_snapshot, services
from members.models import City
from resources.selectors import browse_key
from resources.views import PAGE_SIZE
from steering import report_cache
from strongcities import release as release_module
from strongcities.release import Release, code_release, release, source_fingerprint

pytestmark = pytest.mark.django_db


def make_tree(root: Path) -> Path:
    files = {
        "templates/base.html": "<html>{% block content %}{% endblock %}</html>",
        "members/models.py": "CITY = 1\n",
        "locale/ar/LC_MESSAGES/django.po": 'msgid "City"\nmsgstr "مدينة"\n',
        "static/css/site.css": "body { background: url(../img/logo.png) }",
        "static/img/logo.png": "PNG",
        "requirements.lock": "Django==5.2.8\n",
        # not sources: what a process does not run, or makes itself
        "README.md": "# Portal\n",
        "tests/test_city.py": "def test(): pass\n",
        "bench/run.py": "print()\n",
        "var/media/upload.json": "{}",
        "members/uploads/logo.svg": "<svg/>",
        "staticfiles/staticfiles.json": "{}",
        "venv/lib/direct_url.json": "{}",
        ".git/HEAD": "ref: refs/heads/main\n",
        "members/__pycache__/models.cpython-311.pyc": "bytecode",
        "locale/ar/LC_MESSAGES/django.mo": "compiled",
        "members/.models.py.swp": "editor",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


NOT_SOURCES = (
    "README.md",
    "tests/test_city.py",
    "bench/run.py",
    "var/media/upload.json",
    "members/uploads/logo.svg",
    "staticfiles/staticfiles.json",
    "venv/lib/direct_url.json",
    ".git/HEAD",
    "members/__pycache__/models.cpython-311.pyc",
    "locale/ar/LC_MESSAGES/django.mo",
    "members/.models.py.swp",
)
SOURCES = (
    "templates/base.html",
    "members/models.py",
    "locale/ar/LC_MESSAGES/django.po",
    "static/css/site.css",
    "static/img/logo.png",  # renames the stylesheet that links it
    "requirements.lock",
)


def fingerprint_of(root: Path) -> Release:
    return source_fingerprint(root, apps=["members"], uploads=[root / "members" / "uploads"])


def fingerprint(root: Path) -> str:
    return fingerprint_of(root).pages


OLD_TIME = datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)


def test_the_release_is_the_code_wherever_it_is_installed(tmp_path):
    first = make_tree(tmp_path / "srv" / "portal")
    original = fingerprint(first)
    assert len(original) == 12
    second = tmp_path / "elsewhere"
    shutil.copytree(first, second)
    assert fingerprint(second) == original
    for name in NOT_SOURCES:
        (second / name).write_text("changed", encoding="utf-8")
    assert fingerprint(second) == original
    for name in SOURCES:
        changed = tmp_path / f"changed-{name.replace('/', '-')}"
        shutil.copytree(first, changed)
        (changed / name).write_text("changed", encoding="utf-8")
        assert fingerprint(changed) != original, name
    moved = tmp_path / "moved"
    shutil.copytree(first, moved)
    (moved / "members/models.py").rename(moved / "members/city.py")
    assert fingerprint(moved) != original


def test_an_odd_file_never_stops_the_fingerprint(tmp_path):
    root = make_tree(tmp_path / "portal")
    original = fingerprint(root)
    # an editor's lock file: a link to nowhere
    (root / "members" / ".#models.py").symlink_to(root / "nowhere")
    (root / "members" / "link.py").symlink_to(root / "nowhere")
    assert fingerprint(root) == original


def test_the_release_is_taken_when_the_process_starts():
    """By StrongCitiesConfig.ready(), before any cache is touched: in a fresh process."""
    script = (
        "import django; django.setup(); from strongcities import release; "
        "print(release._current.pages, release._current.code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "strongcities.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pages, code = done.stdout.split()
    assert (pages, code) == (release(), code_release())
    assert pages != code


def test_only_python_and_requirements_make_another_code_release(tmp_path):
    root = make_tree(tmp_path / "portal")
    original = fingerprint_of(root)
    for name in ("templates/base.html", "static/css/site.css", "locale/ar/LC_MESSAGES/django.po"):
        (root / name).write_text("changed", encoding="utf-8")
    changed = fingerprint_of(root)
    assert changed.pages != original.pages
    assert changed.code == original.code
    (root / "members" / "models.py").write_text("CITY = 2\n", encoding="utf-8")
    assert fingerprint_of(root).code != original.code


def on_release(monkeypatch, pages: str, code: str = "") -> None:
    """As a process of another release would run (its fingerprints, taken at its start)."""
    monkeypatch.setattr(release_module, "_current", Release(pages=pages, code=code or pages))


def test_pages_another_release_rendered_are_never_served(client, settings, network, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    url = "/en/members/"
    on_release(monkeypatch, "previous")
    client.get(url)
    # what the previous release rendered no longer matches what this one would render
    # (a queryset update sends no signal, so no generation moves: only the release differs)
    City.objects.filter(pk=network.city_a.pk).update(name_en="Renamed since")
    stale = client.get(url)
    assert stale["X-Page-Cache"] == "hit" and b"Renamed since" not in stale.content
    on_release(monkeypatch, "current", code="previous")  # a template fix: same code
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert b"Renamed since" in page.content
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_change_on_a_node_of_either_release_shows_on_both(client, settings, network, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    city = network.city_a
    url = city.get_absolute_url()
    on_release(monkeypatch, "current")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    on_release(monkeypatch, "previous")  # a node the rolling deploy has not reached
    services.update_city_profile(
        city=city,
        data={"summary_en": "Changed on an old node"},
        expected_version=city.version,
        changed_by=network.users["focal_a"],
    )
    on_release(monkeypatch, "current")
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Changed on an old node" in page.content.decode()


def test_the_engagement_snapshot_is_read_by_its_own_code_release(client_as, network, monkeypatch):
    client = client_as(network.users["mu"])
    url = reverse("engagement:dashboard")
    on_release(monkeypatch, "previous")
    engagement_snapshot.refresh(timezone.localdate().year)
    assert client.get(url).context["snapshot_at"] is not None
    # a web node redeployed alone with a template fix still reads what workers computed
    on_release(monkeypatch, "template-fix", code="previous")
    assert client.get(url).context["snapshot_at"] is not None
    on_release(monkeypatch, "current")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["snapshot_at"] is None  # judged live until this release's task runs


def test_an_annual_report_of_another_release_is_not_read(client_as, network, monkeypatch):
    year = timezone.localdate().year
    url = reverse("report:annual", args=[year])
    client = client_as(network.users["mu"])
    on_release(monkeypatch, "previous")
    report_cache.refresh(year, "en")
    stored = cache.get(report_cache._key(year, "en"))
    stored.generated_at = OLD_TIME  # recognisably the previous release's
    cache.set(report_cache._key(year, "en"), stored, 600)
    assert client.get(url).context["report"].generated_at == OLD_TIME
    on_release(monkeypatch, "current")
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["report"].generated_at != OLD_TIME


def test_resource_browsing_of_another_release_is_not_read(client, settings, network, monkeypatch):
    from resources.search import Found

    settings.PAGE_CACHE_SECONDS = 0  # the list itself, not a stored page
    on_release(monkeypatch, "previous")
    key = browse_key({}, offset=0, limit=PAGE_SIZE, with_facets=True)
    cache.set(key, Found(total=4242), 600)  # recognisably the previous release's
    assert "4242" in client.get("/en/resources/").content.decode()
    on_release(monkeypatch, "current")
    page = client.get("/en/resources/")
    assert page.status_code == 200
    assert "4242" not in page.content.decode()
