"""Key journeys in real Chromium: languages and right-to-left, sign-in, staff MFA."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.factories import PASSWORD, CityFactory, FocalPointFactory, UserFactory, enable_mfa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_language_and_arabic_reads_right_to_left(page, live_server):
    CityFactory(name_en="Kumanovo", name_ar="كومانوفو", name_fr="Kumanovo", country="MK")
    page.goto(f"{live_server.url}/en/members/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    brand_ltr = page.locator(".brand").bounding_box()

    page.locator(".lang-switch a[hreflang=ar]").click()
    page.wait_for_url(f"{live_server.url}/ar/members/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("كومانوفو").is_visible()
    brand_rtl = page.locator(".brand").bounding_box()
    width = page.viewport_size["width"]
    # the logo sits at the start of the line: left in English, right in Arabic
    assert brand_ltr["x"] < width / 2 < brand_rtl["x"]

    page.locator(".lang-switch a[hreflang=fr]").click()
    page.wait_for_url(f"{live_server.url}/fr/members/")
    assert page.locator("h1").inner_text() == "Villes membres"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_home_is_usable_at_360_pixels(page, live_server, language):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/{language}/")
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"


def test_focal_point_signs_in_and_reaches_their_account(page, live_server):
    focal_point = FocalPointFactory(user=UserFactory(preferred_language="fr"))
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("input[name=login]", focal_point.user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/fr/")
    page.goto(f"{live_server.url}/fr/account/settings/")
    assert focal_point.city.name_fr in page.content()  # the city, in French


def test_staff_must_give_the_second_factor(page, live_server):
    staff = UserFactory(is_management_unit=True)
    secret = enable_mfa(staff)
    page.goto(f"{live_server.url}/en/dashboard/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    # a code typed in the last moments of its 30-second window may arrive in the next
    # one: wait for a fresh window, as a person would for a fresh code
    if (left := 30 - time.time() % 30) < 3:
        time.sleep(left + 0.2)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.fill("input[name=code]", code)
    page.click("button[type=submit]")
    # the dashboard is computed on first visit: a loaded CI machine may take a while
    page.wait_for_url(f"{live_server.url}/en/dashboard/", timeout=45_000)
    assert page.locator("h1").inner_text() == "Dashboard"
