import datetime
import re

import pytest
from django.utils import formats, translation

from members.models import City
from tests.factories import CityFactory

PAGES = ["", "members/", "hubs/", "resources/", "events/", "steering/", "accounts/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr"), ("fr", "ltr")])
def test_every_language_prefix_renders_with_lang_and_dir(client, page, language, direction):
    response = client.get(f"/{language}/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html


@pytest.mark.django_db
def test_interface_strings_are_translated(client):
    assert "شبكة المدن القوية" in client.get("/ar/").content.decode()
    assert "Pôles régionaux" in client.get("/fr/hubs/").content.decode()


@pytest.mark.django_db
def test_language_switcher_keeps_the_visitor_on_the_same_page(client, network):
    city = network.city_a
    with translation.override("en"):
        path = city.get_absolute_url()  # /en/members/ke/city-a/
    html = client.get(path).content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" lang="(ar|en|fr)"', html))
    by_language = {language: href for href, language in links.items()}
    assert by_language == {
        "ar": path.replace("/en/", "/ar/", 1),
        "en": path,
        "fr": path.replace("/en/", "/fr/", 1),
    }
    assert 'lang="en" hreflang="en" aria-current="true"' in html


@pytest.mark.django_db
def test_language_switcher_keeps_the_query_string(client):
    html = client.get("/fr/members/?hub=mena&q=amm").content.decode()
    assert 'href="/ar/members/?hub=mena&amp;q=amm"' in html


@pytest.mark.django_db
def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_root_remembers_the_last_language_visited(client):
    client.get("/ar/hubs/", HTTP_ACCEPT_LANGUAGE="en")
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/ar/"


@pytest.mark.django_db
def test_translated_content_falls_back_to_english():
    city = CityFactory(name_en="Cape Town", name_ar="كيب تاون", name_fr="")
    city = City.objects.get(pk=city.pk)
    with translation.override("fr"):
        assert city.name == "Cape Town"
    with translation.override("ar"):
        assert city.name == "كيب تاون"


@pytest.mark.django_db
def test_admin_shows_translated_fields_as_tabs(client, network):
    client.force_login(network.users["admin"])
    html = client.get("/admin/members/city/add/").content.decode()
    for language in ("ar", "en", "fr"):
        assert f'name="name_{language}"' in html
    assert "modeltranslation/js/tabbed_translation_fields" in html
    assert "vendor/jquery-ui/jquery-ui.min" in html
    assert 'src="//' not in html and 'src="http' not in html  # nothing from a CDN


def test_catalogues_are_complete():
    """No untranslated or fuzzy entry in locale/ar or locale/fr."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for language in ("ar", "fr"):
        po = root / "locale" / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_committed_mo_files_match_the_catalogues(tmp_path):
    """make run uses the committed .mo files where gettext is not installed."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    for language in ("ar", "fr"):
        folder = root / "locale" / language / "LC_MESSAGES"
        fresh = tmp_path / f"{language}.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(folder / "django.po")], check=True)
        assert fresh.read_bytes() == (folder / "django.mo").read_bytes(), (
            f"run `make makemessages` and commit locale/{language}"
        )


def test_no_path_is_translated_so_the_switcher_may_swap_the_prefix():
    """The language switcher swaps /en/ for /ar/ (strongcities.templatetags.portal): true
    only while no route is itself translated (a gettext_lazy path would differ)."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.utils.functional import Promise

    def routes(patterns):
        for entry in patterns:
            # a route or a regex; None for the language prefix itself
            yield getattr(entry.pattern, "_route", None) or getattr(entry.pattern, "_regex", None)
            if isinstance(entry, URLResolver):
                yield from routes(entry.url_patterns)
            else:
                assert isinstance(entry, URLPattern)

    found = list(routes(get_resolver().url_patterns))
    assert len(found) > 100
    assert not [route for route in found if isinstance(route, Promise)]


@pytest.mark.django_db
def test_language_switcher_on_a_page_that_does_not_exist(client):
    html = client.get("/fr/no-such-page/?x=1").content.decode()
    assert 'href="/ar/no-such-page/?x=1"' in html


@pytest.mark.parametrize(
    "language, expected",
    [
        ("ar", "27 نوفمبر، 2026، 7:06 ص"),  # day, month, year, as Arabic writes a date
        ("en", "Nov. 27, 2026, 7:06 a.m."),
        ("fr", "27 novembre 2026 07:06"),
    ],
)
def test_dates_with_times_read_naturally_in_each_language(language, expected):
    moment = datetime.datetime(2026, 11, 27, 7, 6, tzinfo=datetime.UTC)
    with translation.override(language):
        assert formats.date_format(moment, "DATETIME_FORMAT") == expected


@pytest.mark.parametrize(("language", "expected"), [("ar", "أ &amp; ب، ج"), ("fr", "a &amp; b, c")])
def test_lists_are_joined_with_the_languages_own_comma_and_escaped(language, expected):
    from django.template import Context, Template

    items = ["أ & ب", "ج"] if language == "ar" else ["a & b", "c"]
    with translation.override(language):
        template = Template("{% load portal %}{{ items|comma_join }}")
        rendered = template.render(Context({"items": items}))
    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "population", "budget"),
    [
        ("ar", "4,000,000", "18,000.50"),  # Latin digits, grouped as Arabic writes them so
        ("en", "4,000,000", "18,000.50"),
        ("fr", "4\xa0000\xa0000", "18\xa0000,50"),
    ],
)
def test_large_numbers_are_grouped_in_each_languages_way(language, population, budget):
    from decimal import Decimal

    from django.template import Context, Template

    template = Template('{{ population|floatformat:"g" }} {{ budget|floatformat:"-2g" }}')
    with translation.override(language):
        rendered = template.render(
            Context({"population": 4_000_000, "budget": Decimal("18000.50")})
        )
    assert rendered == f"{population} {budget}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Priorité\xa0: R&amp;D"), ("en", "Priority: R&amp;D"), ("ar", "الأولوية: R&amp;D")],
)
def test_a_label_takes_its_languages_colon(language, expected):
    """French sets a colon off with a space; a colon typed after the tag could not."""
    from django.template import Context, Template

    template = Template('{% load portal %}{{ _("Priority")|colon }} {{ value }}')
    with translation.override(language):
        assert template.render(Context({"value": "R&D"})) == expected


@pytest.mark.django_db
def test_a_city_profile_written_in_one_language_reads_in_its_direction(client):
    summary = "Youth councils in every district."
    CityFactory(country="JO", slug="zarqa", name_ar="الزرقاء", summary_en=summary)
    arabic = client.get("/ar/members/jo/zarqa/").content.decode()
    assert '<p lang="en" dir="ltr">Youth councils in every district.</p>' in arabic
    english = client.get("/en/members/jo/zarqa/").content.decode()
    assert "<p>Youth councils in every district.</p>" in english
