"""On a phone's width, in Arabic: nothing runs off the screen."""

import pytest

from tests.factories import CityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A real town's name, one word of 58 letters: wider than a phone.
LONG_NAME = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"

# Cells reaching past either edge of the screen. (In Arabic the page's own width does not
# tell: what overflows to the left grows no scroll bar.)
OFF_SCREEN_CELLS = """() => [...document.querySelectorAll("main td, main dd")]
    .filter(cell => {
        const box = cell.getBoundingClientRect();
        return box.left < -1 || box.right > document.documentElement.clientWidth + 1;
    })
    .map(cell => cell.textContent.trim().slice(0, 40))"""


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
    yield context.new_page()
    context.close()


def test_a_long_name_wraps_inside_its_line_of_the_directory(phone_page, live_server):
    CityFactory(name_en=LONG_NAME, name_ar=LONG_NAME, country="GB", slug="llanfairpwll")
    phone_page.goto(f"{live_server.url}/ar/members/")
    assert phone_page.locator("html").get_attribute("dir") == "rtl"
    assert phone_page.get_by_text(LONG_NAME).first.is_visible()
    assert phone_page.evaluate(OFF_SCREEN_CELLS) == []
