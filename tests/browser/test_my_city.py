"""A focal point edits the city profile in Arabic, right to left, and the public page shows it."""

import pytest

from tests.factories import PASSWORD, CityFactory, FocalPointFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_focal_point_edits_the_profile_in_arabic(page, live_server):
    city = CityFactory(name_en="Irbid", name_ar="إربد", name_fr="Irbid", country="JO", slug="irbid")
    focal_point = FocalPointFactory(city=city, user=UserFactory(preferred_language="ar"))

    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=login]", focal_point.user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/ar/")

    page.goto(f"{live_server.url}/ar/members/my-city/")
    page.wait_for_url(f"{live_server.url}/ar/members/jo/irbid/edit/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # The Arabic tab is open first; its fields are written right to left.
    tabs = page.locator("[role=tab]")
    assert tabs.count() == 3
    assert page.locator("#panel-ar").is_visible()
    assert not page.locator("#panel-en").is_visible()
    summary = page.locator("#id_summary_ar")
    assert summary.get_attribute("dir") == "rtl"
    # The tab list starts on the right in Arabic.
    first_tab, last_tab = tabs.first.bounding_box(), tabs.last.bounding_box()
    assert first_tab["x"] > last_tab["x"]

    summary.fill("تعمل المدينة مع الشباب والمجتمع المدني للوقاية من خطاب الكراهية.")
    page.locator("#panel-en-tab").click()
    page.fill("#id_summary_en", "The city works with young people and civil society.")
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/ar/members/jo/irbid/edit/")
    assert page.locator(".message").is_visible()

    page.goto(f"{live_server.url}/ar/members/jo/irbid/")
    assert page.get_by_text("تعمل المدينة مع الشباب").is_visible()
    page.goto(f"{live_server.url}/en/members/jo/irbid/")
    assert page.get_by_text("The city works with young people").is_visible()


def test_staff_see_the_engagement_charts(page, live_server):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import enable_mfa

    CityFactory.create_batch(3)
    staff = UserFactory(is_management_unit=True)
    from strongcities.services import make_management_unit_staff

    make_management_unit_staff(staff)
    secret = enable_mfa(staff)
    page.goto(f"{live_server.url}/en/dashboard/engagement/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/en/dashboard/engagement/")
    page.wait_for_function(
        "window.Chart && Chart.getChart('chart-hubs') && Chart.getChart('chart-trend')"
    )
    # drawn at the size the page gives it, not growing without end
    height = page.evaluate("document.getElementById('chart-hubs').getBoundingClientRect().height")
    assert 100 < height < 400
