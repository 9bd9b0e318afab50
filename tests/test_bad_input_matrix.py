"""Nonsense in every query string and every form, on every page, as everyone who may open
it: a clear answer (a form with its errors, a 4xx, a redirect), never a server error."""

import sys
from urllib.parse import urlencode

import pytest
from django.core.signals import got_request_exception
from django.db import transaction

from tests.conftest import ROLES
from tests.role_matrix_expected import OK
from tests.test_role_matrix import (  # noqa: F401 - matrix_objects is a fixture
    all_patterns,
    expected_for,
    key_of,
    matrix_objects,
    url_for,
)

# Names the portal's filters and forms use, with values no person would choose: a NUL
# byte (PostgreSQL refuses it in any string), numbers out of range, unknown choices,
# markup, an offsite "next".
NONSENSE = {
    "q": "' OR 1=1 --\x00",
    "page": "-3",
    "year": "99999999999999999999",
    "half": "7",
    "sort": "nonsense",
    "status": "<script>alert(1)</script>",
    "hub": "\x00",
    "theme": "∅",
    "priority": "x",
    "country": "ZZ",
    "kind": "[]",
    "format": "nope",
    "fmt": "exe",
    "city": "abc",
    "category": "\x00",
    "assignee": "-1",
    "overdue": "maybe",
    "audience": "everyone?",
    "pk": "abc",
    "version": "NaN",
    "action": "explode",
    "language": "zz",
    "email": "not an email\x00",
    "subject": "\x00" * 3,
    "description": "x" * 100_000,
    "starts_at": "2026-13-45T25:61",
    "date": "31/02/2026",
    "n": "1e999",
    "next": "https://evil.example/",
}
# Numbers past any column's range, where the pages take ids and years.
HUGE = "9" * 30
ID_AND_NUMBER_FIELDS = ("page", "year", "half", "city", "hub", "priority", "theme", "assignee")
OUT_OF_RANGE = dict.fromkeys(
    (*ID_AND_NUMBER_FIELDS, "pk", "peers", "resources", "cities", "version", "capacity"), HUGE
)


def bad_files() -> dict:
    """What every upload field of the portal may be sent: a "PDF" that is text, with a
    name no file system takes; an empty file; markup named as a picture."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "attachments": SimpleUploadedFile("re\x00port.pdf", b"not a pdf", "application/pdf"),
        "file": SimpleUploadedFile("empty.csv", b"", "text/csv"),
        "logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png"),
        "document": SimpleUploadedFile("../../etc/passwd", b"%PDF-1.4", "application/pdf"),
    }


# Django's admin and allauth's own pages are theirs; the logout would end the session
# under the loop's feet.
SKIPPED = ("admin", "account_logout")


def pages_and_people():
    for name, route, pattern in all_patterns():
        key = key_of(name, route)
        if key.startswith(SKIPPED) or route.startswith(("admin/", "^media/")):
            continue
        expectation = expected_for(key)
        yield name, route, pattern, [role for role in ROLES if expectation[role] == OK]


@pytest.mark.django_db
@pytest.mark.usefixtures("matrix_objects")
def test_nonsense_never_makes_a_server_error(network, client, client_as):
    client.raise_request_exception = False  # collect every failure, not the first
    errors = []

    def remember(sender, **kwargs):
        errors.append(repr(sys.exc_info()[1])[:200])

    got_request_exception.connect(remember)
    net = network
    failures = []
    try:
        for name, route, pattern, roles in pages_and_people():
            url = url_for(name, route, pattern, net)
            for role in roles:
                browser = client_as(net.user(role))
                for method, data in (
                    ("GET", NONSENSE),
                    ("POST", NONSENSE),
                    ("GET", OUT_OF_RANGE),
                    ("POST", OUT_OF_RANGE),
                ):
                    # Each request in a savepoint: a failed one must not break the rest.
                    with transaction.atomic():
                        if method == "GET":
                            status = browser.get(f"{url}?{urlencode(data)}").status_code
                        else:
                            status = browser.post(url, {**data, **bad_files()}).status_code
                        if status >= 500:
                            transaction.set_rollback(True)
                            failures.append(f"{method} {url} as {role}: {errors[-1:]}")
    finally:
        got_request_exception.disconnect(remember)
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/ar/members/?q=%00", "/ar/events/?hub=a%00b", "/ar/helpdesk/%00/"]
)
def test_a_nul_character_gets_a_translated_bad_request_page(client, url):
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "لا يمكن قراءة هذا العنوان" in html
