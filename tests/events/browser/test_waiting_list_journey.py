"""A focal point registers for a full event in French, waits, is promoted, and sees the
event in their personal calendar feed."""

import pytest
from django.core import mail

from events import services
from events.models import Registration
from tests.events.conftest import make_event
from tests.factories import PASSWORD, CityFactory, FocalPointFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_focal_point_waits_for_a_full_event_and_is_promoted(page, live_server):
    city = CityFactory(name_fr="Rabat", name_en="Rabat", country="MA", slug="rabat")
    focal_point = FocalPointFactory(city=city, user=UserFactory(preferred_language="fr"))
    event = make_event(
        title_fr="Atelier régional complet", title_en="Full regional workshop", capacity=1
    )
    holder = UserFactory()
    seat = services.register(event=event, person=holder, registered_by=holder)

    page.goto(f"{live_server.url}/fr/accounts/login/")
    page.fill("input[name=login]", focal_point.user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/fr/")

    page.goto(f"{live_server.url}/fr/events/{event.slug}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.fill("input[name=dietary_needs]", "Végétarien")
    page.locator("form[action$='/register/'] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/fr/events/{event.slug}/")
    assert page.locator(".status-waiting").is_visible()
    registration = Registration.objects.get(user=focal_point.user)
    assert registration.status == Registration.Status.WAITING

    mail.outbox.clear()
    services.cancel_registration(registration=seat, cancelled_by=holder)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[focal_point.user.email]]
    assert "Atelier régional complet" in mail.outbox[0].subject  # in French

    page.reload()
    assert page.locator(".status-confirmed").is_visible()

    page.goto(f"{live_server.url}/fr/events/mine/")
    feed_url = page.locator(".feed-url").input_value()
    assert feed_url.endswith(".ics")
    path = feed_url.split("://", 1)[1].split("/", 1)[1]
    response = page.request.get(f"{live_server.url}/{path}")
    assert response.ok
    body = response.text()
    assert "BEGIN:VEVENT" in body and "Atelier régional complet" in body.replace("\r\n ", "")
