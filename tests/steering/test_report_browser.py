"""In Chromium: Management Unit staff open the annual report in Arabic and download
the PDF."""

import time

import pytest

from tests.factories import PASSWORD, UserFactory, enable_mfa
from tests.steering.report_data import YEAR, build_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_open_the_report_in_arabic_and_download_the_pdf(page, live_server):  # noqa: F811
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from strongcities.services import make_management_unit_staff

    build_year(4)
    staff = UserFactory(is_management_unit=True, preferred_language="ar")
    make_management_unit_staff(staff)
    secret = enable_mfa(staff)

    report_url = f"{live_server.url}/ar/dashboard/report/{YEAR}/"
    page.goto(report_url)
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("button[type=submit]")
    page.wait_for_url(report_url)

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    page.wait_for_function(
        "window.Chart && Chart.getChart('chart-membership') && Chart.getChart('chart-events')"
    )
    # the chart keeps the height of its wrapper instead of growing
    height = page.evaluate(
        "document.getElementById('chart-membership').getBoundingClientRect().height"
    )
    assert 100 < height < 400
    # right to left: the first column of a table is on the right
    first = page.locator("#table-membership-by-hub thead th").first.bounding_box()
    last = page.locator("#table-membership-by-hub thead th").last.bounding_box()
    assert first["x"] > last["x"]

    with page.expect_download(timeout=90_000) as download_info:
        page.locator(f"a[href$='/dashboard/report/{YEAR}/report.pdf']").click()
    download = download_info.value
    assert download.suggested_filename == f"strong-cities-annual-report-{YEAR}-ar.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
