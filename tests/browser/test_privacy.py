"""In a real browser: a focal point reading in Arabic downloads their data from their
account; an administrator erases a person who left and reads it in the audit trail."""

import json
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import PASSWORD, CityFactory, FocalPointFactory, UserFactory, enable_mfa

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user, *, language="en", secret=None):
    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    if secret:
        page.wait_for_url("**/accounts/2fa/authenticate/**")
        page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
        page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/{language}/")


def test_a_focal_point_downloads_their_data_in_arabic(page, live_server, tmp_path):
    city = CityFactory(name_en="Irbid", name_ar="إربد", country="JO", slug="irbid")
    # an address longer than a card of the page's label-value grid
    focal = FocalPointFactory(
        city=city,
        user=UserFactory(
            preferred_language="ar", email="focal.point.irbid@municipality.irbid.example.jo"
        ),
    ).user
    sign_in(page, live_server, focal, language="ar")
    page.goto(f"{live_server.url}/ar/account/settings/")
    page.click("a[href='/ar/privacy/my-data/']")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("إربد").first.is_visible()
    spilling = page.eval_on_selector_all(
        ".facts dd", "cells => cells.filter(c => c.scrollWidth > c.clientWidth).length"
    )
    assert spilling == 0  # a long value wraps inside its card instead of running into the next
    with page.expect_download() as download:
        page.click("a[href='?format=json']")
    saved = tmp_path / "data.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["account"][0]["email"] == focal.email
    assert data["roles"][0]["city"] == "إربد"
    page.screenshot(path=str(tmp_path / "my-data-ar.png"), full_page=True)


def test_an_administrator_erases_a_person_and_reads_it_in_the_trail(page, live_server, tmp_path):
    city = CityFactory(name_en="Irbid", country="JO", slug="irbid")
    leaving = FocalPointFactory(city=city, user=UserFactory(display_name="Leaving Person")).user
    admin = UserFactory(is_superuser=True, is_staff=True)
    secret = enable_mfa(admin)
    sign_in(page, live_server, admin, secret=secret)
    page.goto(f"{live_server.url}/en/audit/people/{leaving.pk}/")
    page.click("text=Erase this person's personal data")
    page.fill("textarea[name=reason]", "Left the city's administration")
    page.click("button.danger")
    assert page.get_by_text("Tick the box to confirm the erasure.").is_visible()
    page.check("input[name=confirm]")
    page.click("button.danger")
    page.wait_for_url(f"{live_server.url}/en/audit/people/{leaving.pk}/")
    assert page.locator(".message").is_visible()
    assert page.locator("table .badge", has_text="Person erased").is_visible()
    assert page.get_by_text("Leaving Person").count() == 0
    page.screenshot(path=str(tmp_path / "trail-after-erasure.png"), full_page=True)
