"""In Chromium: a committee member reads the meeting papers a focal point cannot,
and the committee page holds at 360 pixels in Arabic."""

import pytest

from tests.factories import PASSWORD, CommitteeMemberFactory, FocalPointFactory
from tests.steering.factories import MeetingPaperFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(tab, live_server, user):
    tab.goto(f"{live_server.url}/en/accounts/login/")
    tab.fill("input[name=login]", user.email)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_committee_member_reads_the_papers_a_focal_point_cannot(page, live_server):  # noqa: F811
    paper = MeetingPaperFactory(title_en="Progress report", meeting__title_en="June meeting")
    member = CommitteeMemberFactory()
    focal_point = FocalPointFactory()

    sign_in(page, live_server, member.user)
    page.goto(f"{live_server.url}/en/steering/")
    page.get_by_role("link", name="Committee meetings").click()
    page.get_by_role("link", name="June meeting").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Progress report").click()
    download = download_info.value
    assert download.suggested_filename == "progress-report.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.context.clear_cookies()
    sign_in(page, live_server, focal_point.user)
    response = page.goto(f"{live_server.url}/en/steering/meetings/{paper.meeting.pk}/")
    assert response.status == 403
    assert "Progress report" not in page.content()
    response = page.request.get(f"{live_server.url}/en/steering/papers/{paper.pk}/")
    assert response.status == 403


def test_the_committee_page_fits_360_pixels_in_arabic(page, live_server):  # noqa: F811
    for _ in range(6):
        CommitteeMemberFactory()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/ar/steering/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
