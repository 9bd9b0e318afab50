"""The public list, search and detail pages, the feed, and what the public never sees."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from members.models import City, ThematicArea
from resources.models import Resource
from resources.search import refresh_search_entries
from tests.factories import CityFactory, HubFactory
from tests.resources.conftest import make_resource

HIDDEN = ["draft", "in_review", "archived"]


def titles(html):
    return re.findall(r'<h2><a href="[^"]+">(.*?)</a></h2>', html)


@pytest.mark.django_db
def test_list_shows_each_resources_thematic_areas_in_order_in_the_pages_language(client):
    first = ThematicArea.objects.create(slug="z", name_en="Youth", name_ar="الشباب", sort_order=1)
    second = ThematicArea.objects.create(
        slug="a", name_en="Crises", name_ar="الأزمات", sort_order=2
    )
    make_resource(title_en="Guide", title_ar="دليل", themes=[second, first])
    for language, names in (("en", ["Youth", "Crises"]), ("ar", ["الشباب", "الأزمات"])):
        html = client.get(f"/{language}/resources/").content.decode()
        assert re.findall(r'<span class="tag">(.*?)</span>', html) == names


@pytest.mark.django_db
def test_list_shows_each_resource_as_the_page_language_reads_it(client):
    """The list reads rows of values, not instances: each part of a card as the
    instance would give it (modeltranslation's fallbacks, the kind's label, the date)."""
    city = CityFactory(name_en="Amman", name_ar="عمّان", slug="amman")
    make_resource(
        slug="spotlight",
        kind=Resource.Kind.SPOTLIGHT,
        title_en="Youth councils",
        summary_en="How the city listens.",
        in_en=True,
        in_fr=True,
        spotlight_city=city,
        publication_date=None,
        published_at=datetime.datetime(2023, 3, 1, 12, tzinfo=datetime.UTC),
    )
    html = client.get("/ar/resources/").content.decode()
    card = html[html.index('<li class="resource-item">') :]
    card = card[: card.index("</li>")]
    # no Arabic title: the English one, marked as English, left to right
    assert re.search(r'<h2 lang="en" dir="ltr"><a href="/ar/resources/spotlight/">', card)
    assert "Youth councils" in card and "How the city listens." in card
    with translation.override("en"):
        assert str(Resource.Kind.SPOTLIGHT.label) not in card  # the Arabic label instead
    with translation.override("ar"):
        assert str(Resource.Kind.SPOTLIGHT.label) in card
    assert '<time datetime="2023-03-01">2023</time>' in card
    assert "عمّان" in card and "Amman" not in card
    assert re.findall(r'<span lang="(\w+)">', card) == ["en", "fr"]
    # a city and a theme named in English only: their English names, as the fallback
    theme = ThematicArea.objects.create(slug="only-en", name_en="Only in English")
    make_resource(
        title_ar="عنوان", spotlight_city=CityFactory(name_en="Mostar", name_ar=""), themes=[theme]
    )
    html = client.get("/ar/resources/").content.decode()
    assert "Mostar" in html and '<span class="tag">Only in English</span>' in html


@pytest.mark.django_db
def test_list_shows_only_published_resources(client):
    make_resource(title_en="Visible toolkit")
    for status in HIDDEN:
        make_resource(title_en=f"Hidden {status}", status=status)
    html = client.get("/en/resources/").content.decode()
    assert titles(html) == ["Visible toolkit"]
    assert "Hidden" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("status", HIDDEN)
def test_unpublished_detail_is_not_found_for_the_public(client, status):
    resource = make_resource(status=status)
    assert client.get(f"/en/resources/{resource.slug}/").status_code == 404


@pytest.mark.django_db
def test_home_page_features_only_published_resources(client):
    make_resource(title_en="Featured guide", featured=True)
    for status in HIDDEN:
        make_resource(title_en=f"Featured {status}", featured=True, status=status)
    html = client.get("/en/").content.decode()
    assert "Featured guide" in html
    assert all(f"Featured {status}" not in html for status in HIDDEN)


@pytest.mark.django_db
def test_feed_lists_only_published_resources(client):
    make_resource(title_en="Public guide")
    make_resource(title_en="Secret draft", status="draft")
    body = client.get("/en/resources/feed/").content.decode()
    assert "Public guide" in body
    assert "Secret draft" not in body


@pytest.mark.django_db
def test_each_language_has_its_own_feed(client):
    make_resource(slug="guide", title_en="Youth guide", title_fr="Guide jeunesse", title_ar="دليل")
    french = client.get("/fr/resources/feed/")
    assert french["Content-Type"].startswith("application/atom+xml")
    body = french.content.decode()
    assert "<title>Guide jeunesse</title>" in body and "Youth guide" not in body
    assert "http://testserver/fr/resources/guide/" in body
    assert "<title>دليل</title>" in client.get("/ar/resources/feed/").content.decode()


@pytest.mark.django_db
def test_facets_count_and_filter(client):
    youth = ThematicArea.objects.create(slug="young-cities", name_en="Young Cities")
    crises = ThematicArea.objects.create(slug="global-crises", name_en="Global crises")
    make_resource(title_en="A", kind="toolkit", themes=[youth], in_fr=True, in_en=True)
    make_resource(title_en="B", kind="policy", themes=[youth, crises])
    make_resource(title_en="C", kind="policy", themes=[crises])
    make_resource(title_en="D", kind="policy", themes=[crises], status="draft")
    html = client.get("/en/resources/").content.decode()
    assert re.search(r"Young Cities</a> <span class=\"count\">\(2\)", html)
    assert re.search(r"Global crises</a> <span class=\"count\">\(2\)", html)
    assert re.search(r"Local policy</a> <span class=\"count\">\(2\)", html)
    assert re.search(r"Français</a> <span class=\"count\">\(1\)", html)

    filtered = client.get("/en/resources/?theme=young-cities&kind=policy").content.decode()
    assert titles(filtered) == ["B"]
    # the type facet counts what the other choices allow, so one can switch type
    assert re.search(r"Toolkit or guide</a> <span class=\"count\">\(1\)", filtered)
    assert titles(client.get("/en/resources/?lang=fr").content.decode()) == ["A"]


@pytest.mark.django_db
def test_filter_by_city_region_and_year(client):
    hub = HubFactory(slug="mena")
    city = CityFactory(hub=hub)
    old = make_resource(title_en="Old", publication_date="2019-02-01", cities=[city])
    old.hubs.add(hub)
    make_resource(title_en="New", publication_date="2025-02-01")
    assert titles(client.get(f"/en/resources/?city={city.pk}").content.decode()) == ["Old"]
    assert titles(client.get("/en/resources/?hub=mena").content.decode()) == ["Old"]
    assert titles(client.get("/en/resources/?year=2025").content.decode()) == ["New"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999",
        "?year=abcd&city=x&priority=-1",
        "?kind=<script>&lang=xx&sort=drop",
        "?q=" + "a" * 5000,
        "?q=%22%27%29%28%26%7C%21%3A*",
        "?q=&theme=",
    ],
)
def test_bad_parameters_never_fail(client, query):
    make_resource()
    response = client.get("/en/resources/" + query)
    assert response.status_code == 200
    assert b"<script>" not in response.content


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking needs PostgreSQL")
def test_search_sorts_by_relevance_or_date_and_highlights(client):
    make_resource(
        title_en="Youth councils", summary_en="Young people and youth councils advise the mayor.",
        publication_date="2020-01-01",
    )  # fmt: skip
    make_resource(
        title_en="Budget review", summary_en="A note that mentions youth once.",
        publication_date="2025-01-01",
    )  # fmt: skip
    make_resource(title_en="Unrelated", summary_en="Water supply.")
    by_relevance = client.get("/en/resources/?q=youth+councils").content.decode()
    assert [re.sub("<.*?>", "", t) for t in titles(by_relevance)] == [
        "Youth councils",
        "Budget review",
    ]
    assert "<mark>Youth</mark> <mark>councils</mark>" in by_relevance
    assert "mentions <mark>youth</mark> once" in by_relevance
    by_date = client.get("/en/resources/?q=youth+councils&sort=date").content.decode()
    assert [re.sub("<.*?>", "", t) for t in titles(by_date)] == ["Budget review", "Youth councils"]


@pytest.mark.django_db
def test_highlighting_escapes_the_resource_text(client):
    make_resource(title_en="Youth <b>bold</b>", summary_en="youth & <i>friends</i>")
    html = client.get("/en/resources/?q=youth").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<i>friends</i>" not in html


@pytest.mark.django_db
def test_pagination_keeps_the_filters(client):
    theme = ThematicArea.objects.create(slug="t", name_en="T")
    for _ in range(25):
        make_resource(themes=[theme])
    html = client.get("/en/resources/?theme=t").content.decode()
    assert 'href="?theme=t&amp;page=2"' in html
    assert len(titles(client.get("/en/resources/?theme=t&page=2").content.decode())) == 5


LIST_QUERIES = ["", "?q=youth+councils&sort=relevance", "?theme=t&lang=en", "?q=شباب&city={city}"]


@pytest.mark.django_db
def test_list_makes_the_same_number_of_queries_for_5_or_500_resources(
    client, django_assert_max_num_queries
):
    themes = [ThematicArea.objects.create(slug=s, name_en=s.upper()) for s in ("t", "u", "v")]
    hubs = HubFactory.create_batch(2)
    cities = CityFactory.create_batch(50, hub=hubs[0])  # more than the city facet shows

    def add(n):
        """n published resources, spread over every facet (in bulk: it is the page under
        test, not the saving)."""
        start = Resource.objects.count()
        created = Resource.objects.bulk_create(
            Resource(
                slug=f"r-{i}",
                kind=Resource.Kind.values[i % len(Resource.Kind.values)],
                title_en=f"Youth councils {i}",
                title_ar="مجالس الشباب",
                summary_en="Youth",
                in_en=True,
                in_ar=i % 2 == 0,
                status=Resource.Status.PUBLISHED,
                published_at=timezone.now(),
                publication_date=datetime.date(2015 + i % 10, 3, 1),
            )
            for i in range(start, start + n)
        )
        for relation, targets in (("themes", themes), ("hubs", hubs), ("cities", cities)):
            field = getattr(Resource, relation).field
            through, target_name = field.remote_field.through, field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(resource=resource, **{target_name: target})
                for i, resource in enumerate(created)
                for target in targets[i % len(targets) : i % len(targets) + 1 + i % 2]
            )
        # bulk inserts send no signals: the search entries are refreshed as a bulk load does
        refresh_search_entries(created)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert response.context["items"]
        return len(queries)

    urls = ["/en/resources/" + query.format(city=cities[0].pk) for query in LIST_QUERIES]
    add(5)
    small = {}
    for url in urls:
        with django_assert_max_num_queries(12):
            small[url] = count(url)
    add(495)
    large = {url: count(url) for url in urls}
    large[urls[0] + "?page=20"] = count(urls[0] + "?page=20")
    assert large == {**small, urls[0] + "?page=20": small[urls[0]]}


@pytest.mark.django_db
def test_detail_makes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    theme = ThematicArea.objects.create(slug="t", name_en="T")
    resource = make_resource(themes=[theme], cities=CityFactory.create_batch(5))
    for _ in range(5):
        make_resource(themes=[theme])
    with django_assert_max_num_queries(14):
        assert client.get(resource.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_detail_in_the_visitors_language_with_cities_and_related(client):
    theme = ThematicArea.objects.create(slug="t", name_en="T", name_ar="ت")
    member = CityFactory(name_en="Member town", name_ar="بلدة عضو")
    prospective = CityFactory(
        name_en="Prospect town", membership_status=City.MembershipStatus.PROSPECTIVE
    )
    resource = make_resource(
        slug="guide",
        title_en="The guide",
        title_ar="الدليل",
        body_ar="<p>نص الدليل</p>",
        themes=[theme],
        cities=[member, prospective],
    )
    make_resource(slug="other", title_en="Another guide", themes=[theme])
    html = client.get("/ar/resources/guide/").content.decode()
    assert 'dir="rtl"' in html
    assert "الدليل" in html and "نص الدليل" in html
    assert "not available in your language" not in html
    assert member.get_absolute_url().replace("/en/", "/ar/") in html or "بلدة عضو" in html
    assert "Prospect town" not in html  # non-members are not shown publicly
    assert "/ar/resources/other/" in html
    assert resource.get_absolute_url()


@pytest.mark.django_db
def test_detail_tells_which_languages_exist_when_not_the_visitors(client):
    make_resource(slug="en-only", title_en="English only", in_en=True)
    html = client.get("/fr/resources/en-only/").content.decode()
    assert 'id="language-notice"' in html
    assert 'href="/en/resources/en-only/" hreflang="en"' in html
    assert '<h1 lang="en" dir="ltr">English only</h1>' in html


@pytest.mark.django_db
def test_arabic_text_on_an_english_page_is_marked_right_to_left(client):
    make_resource(
        slug="ar-only", title_en="", title_ar="دليل الوساطة", summary_ar="ملخص", in_ar=True
    )
    html = client.get("/en/resources/ar-only/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "This resource is not available in your language." in html
    assert '<h1 lang="ar" dir="rtl">دليل الوساطة</h1>' in html
    assert '<div class="resource-text" lang="ar" dir="rtl">' in html
    # in Arabic the page itself is right to left and nothing is marked twice
    arabic = client.get("/ar/resources/ar-only/").content.decode()
    assert "<h1>دليل الوساطة</h1>" in arabic and 'id="language-notice"' not in arabic


@pytest.mark.django_db
def test_the_list_marks_a_resource_shown_in_another_language(client):
    make_resource(slug="en-only", title_en="Grants for community groups", in_en=True)
    make_resource(slug="both", title_en="Mediation", title_ar="الوساطة", in_en=True, in_ar=True)
    arabic = client.get("/ar/resources/").content.decode()
    # the English fallback reads left to right; the Arabic title needs no mark
    assert '<h2 lang="en" dir="ltr"><a href="/ar/resources/en-only/">' in arabic
    assert '<h2><a href="/ar/resources/both/">الوساطة</a></h2>' in arabic
    english = client.get("/en/resources/").content.decode()
    assert '<h2><a href="/en/resources/en-only/">' in english


@pytest.mark.django_db
def test_detail_has_open_graph_tags_in_the_pages_language(client, settings):
    settings.SITE_URL = "https://portal.strongcities.example"
    make_resource(
        slug="og", title_en="Youth councils", title_fr="Conseils de jeunes",
        summary_fr="Un résumé.", in_en=True, in_fr=True,
    )  # fmt: skip
    html = client.get("/fr/resources/og/?utm_source=x").content.decode()
    assert '<meta property="og:title" content="Conseils de jeunes">' in html
    assert '<meta property="og:description" content="Un résumé.">' in html
    site = "https://portal.strongcities.example"
    assert f'<meta property="og:url" content="{site}/fr/resources/og/">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert '<meta property="og:locale:alternate" content="en_GB">' in html
    assert f'<link rel="alternate" hreflang="en" href="{site}/en/resources/og/">' in html


@pytest.mark.django_db
def test_links_for_sharing_never_take_the_host_a_request_named(client, settings):
    """The page is cached and served to everyone: a request naming another allowed host
    (or plain http) must not decide the links every later visitor shares."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.SITE_URL = "https://portal.strongcities.example"
    settings.ALLOWED_HOSTS = ["portal.strongcities.example", "localhost"]
    resource = make_resource(slug="shared", title_en="Shared", in_en=True)
    Resource.objects.filter(pk=resource.pk).update(cover_image="resources/covers/shared.png")
    first = client.get("/en/resources/shared/", HTTP_HOST="localhost").content.decode()
    later = client.get("/en/resources/shared/", HTTP_HOST="portal.strongcities.example")
    assert later["X-Page-Cache"] == "hit"
    for html in (first, later.content.decode()):
        assert "localhost" not in html
        assert 'content="https://portal.strongcities.example/en/resources/shared/"' in html
        assert (
            'property="og:image" content="https://portal.strongcities.example/media/'
            "resources/covers/shared.png"
        ) in html


def test_a_link_already_absolute_stays_as_it_is(settings):
    from strongcities.text import absolute_url

    settings.SITE_URL = "https://portal.strongcities.example"
    bucket = "https://bucket.s3.example/resources/cover.png"
    assert absolute_url(bucket) == bucket  # a file in an S3 bucket
    assert absolute_url("/en/") == "https://portal.strongcities.example/en/"


@pytest.mark.django_db
def test_body_script_never_reaches_the_page(client):
    resource = make_resource(
        slug="x", body_en='<p>Hi</p><script>alert(1)</script><a href="javascript:x">l</a>'
    )
    assert "<script" not in resource.body_en
    html = client.get("/en/resources/x/").content.decode()
    assert "alert(1)" not in html and "javascript:" not in html
    assert "<p>Hi</p>" in html


@pytest.mark.django_db
def test_staff_preview_unpublished_resources_with_a_notice(client_as, network):
    resource = make_resource(slug="draft-1", status=Resource.Status.DRAFT, title_en="Draft one")
    for role, status in [("mu", 200), ("admin", 200), ("hub_a", 404), ("focal_a", 404)]:
        response = client_as(network.user(role)).get(resource.get_absolute_url())
        assert response.status_code == status, role
        if status == 200:
            assert "not visible to the public" in response.content.decode()


@pytest.mark.django_db
def test_sitemap_lists_published_resources_with_hreflang_alternates(client):
    make_resource(slug="public-guide")
    make_resource(slug="secret-draft", status="draft")
    body = client.get("/sitemap.xml").content.decode()
    assert "/en/resources/public-guide/" in body
    for code in ("ar", "en", "fr"):
        assert f'hreflang="{code}" href="http://testserver/{code}/resources/public-guide/"' in body
    assert 'hreflang="x-default"' in body
    assert "secret-draft" not in body
    assert "/fr/resources/</loc>" in body


@pytest.mark.parametrize(
    "role, sees_link",
    [
        ("anonymous", False),
        ("focal_a", True),
        ("hub_a", False),
        ("committee", False),
        ("mu", False),
    ],
)
def test_only_focal_points_are_invited_to_share_a_practice(network, client_as, role, sees_link):
    html = client_as(network.user(role)).get("/en/resources/").content.decode()
    assert ("/en/resources/submit/" in html) is sees_link
