"""Certificates of attendance: a PDF in the participant's language, for attendees only,
downloaded by the participant themself or the event's organisers."""

import datetime
import io
import os
import unicodedata

import pytest
from django.core import signing
from django.utils import timezone, translation

from events import certificates, services
from events.models import Registration
from tests.events.conftest import make_event
from tests.events.test_views import outcome
from tests.factories import FocalPointFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"
chromium = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium is not installed")

# A stand-in printer for the per-role tests (they are about who gets a certificate, and
# Chromium takes a second a page): it "prints" the page by copying the HTML after a PDF
# header, so a test can still read whose certificate it got.
FAKE_PRINTER = """#!/bin/sh
for arg in "$@"; do
  case "$arg" in
    --print-to-pdf=*) out="${arg#--print-to-pdf=}" ;;
    file://*) page="${arg#file://}" ;;
  esac
done
{ printf '%%PDF-1.4 stand-in\\n'; cat "$page"; } > "$out"
"""


@pytest.fixture
def fake_printer(settings, tmp_path):
    script = tmp_path / "fake-chromium"
    script.write_text(FAKE_PRINTER)
    script.chmod(0o755)
    settings.PDF_CHROMIUM = str(script)


@pytest.fixture
def workshop(network):
    """A workshop of hub A under way: focal point A attended, a colleague of city A did
    not come."""
    now = timezone.now()
    event = make_event(
        title_en="Regional workshop on youth engagement",
        title_fr="Atelier régional sur l'engagement des jeunes",
        title_ar="ورشة عمل إقليمية حول إشراك الشباب",
        hub=network.hub_a,
        city=network.city_a,
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(hours=1),
    )
    attendee = network.user("focal_a")
    colleague = FocalPointFactory(city=network.city_a, is_primary=False).user
    attended = services.register(event=event, person=attendee, registered_by=attendee)
    absent = services.register(event=event, person=colleague, registered_by=colleague)
    staff = network.user("mu")
    services.mark_attendance(registration=attended, attended=True, marked_by=staff)
    services.mark_attendance(registration=absent, attended=False, marked_by=staff)
    return {"event": event, "attended": attended, "absent": absent, "colleague": colleague}


def own_url(event):
    return f"/en/events/{event.slug}/certificate/"


def registration_url(registration):
    return f"/en/events/{registration.event.slug}/registrations/{registration.pk}/certificate.pdf"


def fetch(client_as, user, url):
    response = client_as(user).get(url)
    if response.status_code == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "attachment;" in response["Content-Disposition"]
        return response.content.decode("utf-8", "replace")
    return outcome(response)


def test_the_attendee_downloads_their_own_certificate(network, client_as, workshop, fake_printer):
    document = fetch(client_as, network.user("focal_a"), own_url(workshop["event"]))
    assert network.user("focal_a").display_name in document


def test_no_certificate_before_attendance_is_marked(network, client_as, fake_printer):
    now = timezone.now()
    event = make_event(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1)
    )
    person = network.user("focal_a")
    registration = services.register(event=event, person=person, registered_by=person)
    assert fetch(client_as, person, own_url(event)) == 404
    assert fetch(client_as, network.user("mu"), registration_url(registration)) == 404


@pytest.mark.parametrize("role", ["anonymous", "focal_b", "hub_a", "hub_b", "mu", "committee"])
def test_nobody_else_has_an_own_certificate_for_the_event(
    network, client_as, workshop, fake_printer, role
):
    expected = "login" if role == "anonymous" else 404
    assert fetch(client_as, network.user(role), own_url(workshop["event"])) == expected


def test_a_no_show_has_no_certificate(network, client_as, workshop, fake_printer):
    colleague = workshop["colleague"]
    assert fetch(client_as, colleague, own_url(workshop["event"])) == 404
    # nor through the registration's address, even for the organisers
    assert fetch(client_as, colleague, registration_url(workshop["absent"])) == 404
    assert fetch(client_as, network.user("mu"), registration_url(workshop["absent"])) == 404


def test_a_certificate_is_for_the_participant_and_the_organisers_only(
    network, client_as, workshop, fake_printer
):
    url = registration_url(workshop["attended"])
    name = network.user("focal_a").display_name
    results = {role: fetch(client_as, network.user(role), url) for role in network.users}
    downloaded = {role for role, r in results.items() if str(r).startswith("%PDF")}
    assert downloaded == {"focal_a", "hub_a", "mu", "admin"}
    assert {role: r for role, r in results.items() if role not in downloaded} == {
        "anonymous": "login",
        "focal_b": 404,
        "hub_b": 404,  # another hub's event
        "committee": 404,
    }
    for role in downloaded:
        assert name in results[role], role
    # a colleague of the same city is not the person certified
    assert fetch(client_as, workshop["colleague"], url) == 404


def test_staff_without_two_factor_authentication_set_up_are_sent_to_set_it_up(
    network, client_as, workshop, fake_printer
):
    from tests.factories import HubStaffFactory

    staff = HubStaffFactory(hub=network.hub_a).user  # no MFA yet
    assert fetch(client_as, staff, registration_url(workshop["attended"])) == "mfa"


def test_staff_download_it_in_the_participants_language_not_their_own(
    network, client_as, workshop, fake_printer
):
    person = network.user("focal_a")
    person.preferred_language = "ar"
    person.save()
    document = fetch(client_as, network.user("mu"), registration_url(workshop["attended"]))
    assert '<html lang="ar" dir="rtl">' in document
    assert workshop["event"].title_ar in document
    assert network.city_a.name_ar in document


def test_the_standalone_page_loads_nothing_and_runs_nothing(network, workshop):
    html = certificates.standalone_html(workshop["attended"])
    assert "default-src 'none'" in html
    assert "<script" not in html and "<link" not in html and "src=" not in html
    assert "url(" not in html


def test_without_chromium_a_translated_page_explains_instead_of_failing(
    network, client_as, workshop, settings
):
    settings.PDF_CHROMIUM = "/nonexistent/chromium"
    response = client_as(network.user("focal_a")).get(
        f"/fr/events/{workshop['event'].slug}/certificate/"
    )
    assert response.status_code == 503
    html = response.content.decode()
    assert 'lang="fr"' in html
    with translation.override("fr"):
        from html import unescape

        from django.utils.translation import gettext

        text = unescape(html)  # French apostrophes arrive escaped in some places
        assert gettext("The certificate could not be made") in text
        assert gettext("The PDF printer (Chromium) is not installed on this server.") in text


# --- the real thing: Chromium prints it ----------------------------------------------


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Arabic comes out of a PDF in its shaped (presentation) forms: fold them back.
    return unicodedata.normalize("NFKC", text)


@chromium
def test_the_certificate_is_a_real_one_page_pdf_with_the_name_in_french(
    network, client_as, workshop, settings
):
    settings.PDF_CHROMIUM = CHROMIUM
    person = network.user("focal_a")
    person.display_name = "Aïcha Benali-Fictive"
    person.preferred_language = "fr"
    person.save()
    response = client_as(person).get(own_url(workshop["event"]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
    text = pdf_text(response.content)
    assert "Aïcha Benali-Fictive" in text
    assert "Atelier régional sur l'engagement des jeunes" in " ".join(text.split())
    assert "certificate-regional-workshop" not in text
    assert response["Content-Disposition"].endswith('-aicha-benali-fictive.pdf"')


@chromium
def test_an_arabic_certificate_is_shaped_and_right_to_left(network, workshop, settings):
    settings.PDF_CHROMIUM = CHROMIUM
    person = network.user("focal_a")
    person.display_name = "ليلى الحسن"
    person.preferred_language = "ar"
    person.save()
    registration = Registration.objects.get(pk=workshop["attended"].pk)
    data = certificates.certificate_pdf(registration)
    text = pdf_text(data)
    words = set(text.split())
    # Each word is present (whatever order the extractor gives right-to-left runs in).
    for word in ("ليلى", "الحسن", "ورشة", "الشباب"):
        assert word in words or word[::-1] in words, (word, text)
    raw = data.decode("latin-1")
    # Shaped: the font carries Arabic glyphs and the page was laid out right to left.
    assert "/ToUnicode" in raw


def test_a_guest_downloads_their_certificate_with_their_own_link(client, network, fake_printer):
    now = timezone.now()
    event = make_event(
        hub=network.hub_a,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
    )
    guest = services.register_guest(
        event=event, name="Guest Speaker", email="speaker@partner.example", language="fr"
    )
    token = services.guest_registration_token(guest)
    url = f"/en/events/{event.slug}/my-registration/{token}/certificate.pdf"
    assert client.get(url).status_code == 404  # not yet marked as attended
    services.mark_attendance(registration=guest, attended=True, marked_by=network.user("mu"))
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    document = response.content.decode()
    assert "Guest Speaker" in document and 'lang="fr"' in document  # the guest's language


def test_a_forged_or_borrowed_guest_link_finds_nothing(client, network, fake_printer):
    now = timezone.now()
    event = make_event(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1)
    )
    person = UserFactory()
    account = services.register(event=event, person=person, registered_by=person)
    services.mark_attendance(registration=account, attended=True, marked_by=network.user("mu"))
    tokens = [
        "forged",
        services.guest_invitation_token(event),  # signed, but for another purpose
        # the link form of an account holder's registration: they sign in instead
        signing.dumps(account.pk, salt=services.GUEST_REGISTRATION_SALT),
    ]
    for token in tokens:
        for suffix in ("", "certificate.pdf"):
            url = f"/en/events/{event.slug}/my-registration/{token}/{suffix}"
            assert client.get(url).status_code == 404, (token, suffix)
