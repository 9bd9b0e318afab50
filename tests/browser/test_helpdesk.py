"""Helpdesk journey (issue 5): a focal point asks in Arabic, hub staff answer with a
public reply and an internal note; the city sees the reply, never the note, and is emailed."""

import pytest
from django.core import mail
from django.test import Client

from hubs.models import Ticket
from tests.factories import (
    PASSWORD,
    CityFactory,
    FocalPointFactory,
    HubFactory,
    HubStaffFactory,
    UserFactory,
    enable_mfa,
)

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in_with_session(page, live_server, user):
    """Staff sign in with TOTP; the journey is about the helpdesk, so reuse a session."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_focal_point_asks_in_arabic_and_never_sees_the_internal_note(page, live_server):
    hub = HubFactory(slug="mena", name_ar="الشرق الأوسط وشمال أفريقيا")
    city = CityFactory(hub=hub, name_ar="إربد", name_en="Irbid", country="JO", slug="irbid")
    focal = FocalPointFactory(city=city, user=UserFactory(preferred_language="ar")).user
    staff = HubStaffFactory(hub=hub, user=UserFactory(preferred_language="en")).user
    enable_mfa(staff)

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=login]", focal.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/ar/")

    page.goto(f"{live_server.url}/ar/helpdesk/new/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.select_option("#id_category", "training")
    page.select_option("#id_priority", "high")
    page.fill("#id_subject", "تدريب حول خطاب الكراهية")
    page.fill("#id_description", "نرغب في تنظيم تدريب لموظفي البلدية حول خطاب الكراهية.")
    assert page.locator("#id_language").input_value() == "ar"
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/ar/helpdesk/HD-*/")
    ticket = Ticket.objects.get()
    assert ticket.hub == hub and ticket.language == "ar"
    # no horizontal scrolling at 360px
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    sign_in_with_session(page, live_server, staff)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/en/helpdesk/")
    page.get_by_role("link", name=ticket.reference).click()
    page.fill("#id_body", "INTERNAL: check the training budget first.")
    page.check("input[name=visibility][value=internal]")
    page.locator("form:has(input[value=staff_reply]) button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{ticket.get_absolute_url().replace('/ar/', '/en/')}")
    page.fill("#id_body", "يسعدنا تنظيم التدريب في الشهر القادم.")
    page.check("input[name=visibility][value=public]")
    page.locator("form:has(input[value=staff_reply]) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_text("INTERNAL: check the training budget").is_visible()

    sign_in_with_session(page, live_server, focal)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}{ticket.get_absolute_url()}")
    assert page.get_by_text("يسعدنا تنظيم التدريب").is_visible()
    assert "INTERNAL" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    to_city = [m for m in mail.outbox if m.to == [focal.email]]
    assert len(to_city) == 1
    assert "يسعدنا تنظيم التدريب" in to_city[0].body
    assert all("INTERNAL" not in m.body for m in mail.outbox)
