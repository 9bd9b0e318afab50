"""The resource hub in real Chromium: search in French, filter, read it in Arabic."""

import datetime

import pytest
from django.utils import timezone

from members.models import ThematicArea
from resources.models import Resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def publish(slug, themes, **fields):
    resource = Resource(
        slug=slug,
        kind=Resource.Kind.GOOD_PRACTICE,
        status=Resource.Status.PUBLISHED,
        published_at=timezone.now(),
        publication_date=datetime.date(2025, 3, 1),
        **fields,
    )
    resource.save()
    resource.themes.set(themes)
    return resource


def test_visitor_searches_in_french_filters_opens_and_reads_in_arabic(page, live_server):
    youth = ThematicArea.objects.create(
        slug="young-cities", name_en="Young Cities", name_fr="Villes jeunes", name_ar="المدن الفتية"
    )
    crises = ThematicArea.objects.create(
        slug="global-crises", name_en="Global crises", name_fr="Crises mondiales",
        name_ar="الأزمات العالمية",
    )  # fmt: skip
    publish(
        "youth-forums",
        [youth],
        title_fr="Les forums de jeunes des quartiers",
        title_ar="منتديات الشباب في الأحياء",
        title_en="Neighbourhood youth forums",
        summary_fr="Les jeunes proposent des projets aux élus.",
        summary_ar="يقترح الشباب مشاريع على المنتخبين.",
        body_ar="<p>تنظم الجماعة منتديات للشباب في كل مقاطعة.</p>",
    )
    publish(
        "youth-and-crises",
        [crises],
        title_fr="Les jeunes face aux crises mondiales",
        title_en="Young people and global crises",
    )
    page.goto(f"{live_server.url}/fr/resources/")
    page.fill("input[name=q]", "comment travailler avec les jeunes")
    page.click(".resource-search button[type=submit]")
    page.wait_for_url("**/fr/resources/?q=*")
    assert page.locator(".resource-item").count() == 2
    assert page.locator(".resource-item mark").first.inner_text().lower() == "jeunes"

    page.locator(".resource-facets a", has_text="Villes jeunes").click()
    page.wait_for_url("**theme=young-cities**")
    assert page.locator(".resource-item").count() == 1

    page.locator(".resource-item h2 a").click()
    page.wait_for_url(f"{live_server.url}/fr/resources/youth-forums/")
    assert page.locator("h1").inner_text() == "Les forums de jeunes des quartiers"

    page.locator(".lang-switch a[hreflang=ar]").click()
    page.wait_for_url(f"{live_server.url}/ar/resources/youth-forums/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "منتديات الشباب في الأحياء"
    body = page.locator(".resource .body")
    assert body.inner_text() == "تنظم الجماعة منتديات للشباب في كل مقاطعة."
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.resource .body')).direction")
        == "rtl"
    )
    # the text starts at the right edge in Arabic
    box = body.bounding_box()
    assert box["x"] + box["width"] > page.viewport_size["width"] / 2


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_resource_list_is_usable_at_360_pixels(page, live_server, language):
    theme = ThematicArea.objects.create(slug="t", name_en="Theme", name_ar="محور", name_fr="Thème")
    publish("r", [theme], title_en="A long resource title " * 4, title_ar="عنوان " * 12)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/{language}/resources/?q=resource+عنوان")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_resource_prints_without_the_sites_navigation(page, live_server):
    theme = ThematicArea.objects.create(slug="t", name_en="Theme")
    publish(
        "printable",
        [theme],
        title_en="A printable guide",
        body_en='<p>See <a href="https://example.org/guide">the full guide</a>.</p>',
    )
    page.goto(f"{live_server.url}/en/resources/printable/")
    assert page.locator(".site-header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator("h1").is_visible()
    # on paper a link shows where it goes
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.resource .body a'), '::after').content"
    )
    assert "https://example.org/guide" in after
