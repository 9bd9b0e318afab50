"""An event's time in the visitor's own time zone, in real Chromium."""

import datetime

import pytest

from tests.events.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def london_page(browser):
    """A visitor whose computer is set to London time."""
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    yield context.new_page()
    context.close()


def test_a_two_day_event_shows_both_dates_in_the_visitors_zone(london_page, live_server):
    # New York, 19 September 09:00 to 20 September 17:00: 14:00 to 22:00 the next day in
    # London (summer time), written in the page's language
    start = datetime.datetime(2027, 9, 19, 13, 0, tzinfo=datetime.UTC)
    event = make_event(
        time_zone="America/New_York",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1, hours=8),
    )
    page = london_page
    page.goto(f"{live_server.url}/en/events/{event.slug}/")
    local = page.locator(".event-when .local-time")
    local.wait_for()
    text = local.inner_text()
    assert text.startswith("Your time: ")
    assert "Sep 19, 2027, 2:00 PM" in text and "Sep 20, 2027, 10:00 PM" in text
    assert "(Europe/London)" in text
    page.goto(f"{live_server.url}/fr/events/{event.slug}/")
    assert local.inner_text().startswith("Heure chez vous : 19 sept. 2027")


def test_the_visitors_zone_is_not_repeated_when_it_is_the_events(london_page, live_server):
    event = make_event(time_zone="Europe/London")
    page = london_page
    page.goto(f"{live_server.url}/en/events/{event.slug}/")
    page.wait_for_load_state("load")
    assert page.locator(".event-when .local-time").is_hidden()
