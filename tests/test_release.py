"""Each release reads and writes its own entries in the shared cache: after a deploy no
visitor gets a page the previous release rendered (linking static files the new image
no longer has), and no code unpickles an object of the previous release's shape. The
pages' generations stay shared, so during a rolling deploy a change made on a node of
either release shows on every node at once."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from members import engagement_snapshot, services
from resources.selectors import browse_key
from resources.views import PAGE_SIZE
from steering import report_cache
from strongcities import pagecache
from strongcities.release import release, source_fingerprint

pytestmark = pytest.mark.django_db


def make_tree(root: Path) -> Path:
    files = {
        "templates/base.html": "<html>{% block content %}{% endblock %}</html>",
        "members/models.py": "CITY = 1\n",
        "locale/ar/LC_MESSAGES/django.po": 'msgid "City"\nmsgstr "مدينة"\n',
        "static/css/site.css": "body { margin: 0 }",
        "requirements.lock": "Django==5.2.8\n",
        "README.md": "# Portal\n",
        "tests/test_city.py": "def test(): pass\n",
        "bench/run.py": "print()\n",
        "var/media/upload.json": "{}",
        "staticfiles/staticfiles.json": "{}",
        ".git/HEAD": "ref: refs/heads/main\n",
        "strongcities.egg-info/SOURCES.txt": "members/models.py\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def fingerprint(root: Path) -> str:
    source_fingerprint.cache_clear()  # kept per process: the tests change the files
    return source_fingerprint(root)


def test_the_release_is_the_code_wherever_it_is_installed(tmp_path):
    first = make_tree(tmp_path / "srv" / "portal")
    second = tmp_path / "elsewhere"
    shutil.copytree(first, second)
    original = fingerprint(first)
    assert len(original) == 12
    assert fingerprint(second) == original
    # what a process does not serve from leaves the release as it is
    for name in (
        "README.md",
        "tests/test_city.py",
        "bench/run.py",
        "var/media/upload.json",
        "staticfiles/staticfiles.json",
        ".git/HEAD",
        "strongcities.egg-info/SOURCES.txt",
    ):
        (second / name).write_text("changed", encoding="utf-8")
    assert fingerprint(second) == original
    # a template, a module, a catalogue, a stylesheet or a pinned requirement makes another
    for name in (
        "templates/base.html",
        "members/models.py",
        "locale/ar/LC_MESSAGES/django.po",
        "static/css/site.css",
        "requirements.lock",
    ):
        changed = tmp_path / f"changed-{name.replace('/', '-')}"
        shutil.copytree(first, changed)
        (changed / name).write_text("changed", encoding="utf-8")
        assert fingerprint(changed) != original, name
    moved = tmp_path / "moved"
    shutil.copytree(first, moved)
    (moved / "members/models.py").rename(moved / "members/city.py")
    assert fingerprint(moved) != original


def test_the_setting_names_the_release_when_given(settings):
    settings.PORTAL_RELEASE = "2026.12.1"
    assert release() == "2026.12.1"
    settings.PORTAL_RELEASE = ""
    assert release() == fingerprint(Path(django_settings.BASE_DIR))


def test_pages_another_release_rendered_are_never_served(client, settings, network):
    settings.PAGE_CACHE_SECONDS = 600
    url = "/en/members/"
    request = RequestFactory().get(url)
    # What the previous release left in the shared cache, current for every area.
    settings.PORTAL_RELEASE = "previous"
    cache.set(
        pagecache._key(request, "en"),
        ({}, b"<link href='/static/css/site.0ld0ld.css'>", [("Content-Type", "text/html")]),
        600,
    )
    assert b"0ld0ld" in client.get(url).content  # read by the release that stored it
    settings.PORTAL_RELEASE = "current"
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert b"0ld0ld" not in page.content
    assert network.city_a.name.encode() in page.content
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_change_on_a_node_of_either_release_shows_on_both(client, settings, network):
    settings.PAGE_CACHE_SECONDS = 600
    city = network.city_a
    url = city.get_absolute_url()
    settings.PORTAL_RELEASE = "current"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    settings.PORTAL_RELEASE = "previous"  # a node the rolling deploy has not reached
    services.update_city_profile(
        city=city,
        data={"summary_en": "Changed on an old node"},
        expected_version=city.version,
        changed_by=network.users["focal_a"],
    )
    settings.PORTAL_RELEASE = "current"
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Changed on an old node" in page.content.decode()


def test_the_engagement_snapshot_of_another_release_is_not_read(client_as, settings, network):
    client = client_as(network.users["mu"])
    url = reverse("engagement:dashboard")
    settings.PORTAL_RELEASE = "previous"
    engagement_snapshot.refresh(timezone.localdate().year)
    assert client.get(url).context["snapshot_at"] is not None
    settings.PORTAL_RELEASE = "current"
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["snapshot_at"] is None  # judged live until this release's task runs


def test_an_annual_report_of_another_shape_is_not_read(client_as, settings, network):
    """The previous release stored an object this release cannot use."""
    year = timezone.localdate().year
    url = reverse("report:annual", args=[year])
    client = client_as(network.users["mu"])
    settings.PORTAL_RELEASE = "previous"
    cache.set(report_cache._key(year, "en"), {"shape": "of another release"}, 600)
    with pytest.raises(AttributeError):
        client.get(url)  # what this release would do with it
    settings.PORTAL_RELEASE = "current"
    assert client.get(url).status_code == 200


def test_resource_browsing_of_another_release_is_not_read(client, settings, network):
    settings.PAGE_CACHE_SECONDS = 0  # the list itself, not a stored page
    first_page = browse_key({}, offset=0, limit=PAGE_SIZE, with_facets=True)
    settings.PORTAL_RELEASE = "previous"
    cache.set(
        browse_key({}, offset=0, limit=PAGE_SIZE, with_facets=True),
        {"shape": "of another release"},
        600,
    )
    with pytest.raises(AttributeError):
        client.get("/en/resources/")  # what this release would do with it
    settings.PORTAL_RELEASE = "current"
    assert client.get("/en/resources/").status_code == 200
    assert first_page != browse_key({}, offset=0, limit=PAGE_SIZE, with_facets=True)
