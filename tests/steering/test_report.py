"""The annual report: who may read it, what it counts, and what it costs in queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from steering import report
from steering.models import Indicator
from tests.factories import CityFactory, UserFactory
from tests.steering.report_data import YEAR, build_year

pytestmark = pytest.mark.django_db


def url(name="report:annual", year=YEAR, lang="en"):
    with translation.override(lang):
        return reverse(name, kwargs={"year": year})


def figures(section) -> dict:
    return {str(label): value for label, value in section.figures}


def section(data, slug):
    return next(s for s in data.sections if s.slug == slug)


# --- who may read it --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("focal_a", 403),
        ("focal_b", 403),
        ("hub_a", 403),
        ("hub_b", 403),
        ("committee", 403),
        ("mu", 200),
        ("admin", 200),
    ],
)
@pytest.mark.parametrize("name", ["report:annual", "report:tables"])
def test_only_the_management_unit_and_administrators_read_the_report(
    network, client_as, role, expected, name
):
    response = client_as(network.user(role)).get(url(name))
    assert response.status_code == expected


@pytest.mark.parametrize("name", ["report:annual", "report:tables", "report:pdf"])
def test_anonymous_visitors_are_sent_to_sign_in(network, client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["focal_a", "hub_a", "committee"])
def test_people_outside_the_management_unit_cannot_print_the_pdf(network, client_as, role):
    assert client_as(network.user(role)).get(url("report:pdf")).status_code == 403


def test_management_unit_staff_without_two_factor_are_sent_to_set_it_up(db, client):
    from strongcities.services import make_management_unit_staff

    staff = UserFactory(is_management_unit=True)
    make_management_unit_staff(staff)
    client.force_login(staff)
    response = client.get(url())
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in response["Location"]


def test_the_year_selector_redirects_to_the_chosen_year(network, client_as):
    client = client_as(network.user("mu"))
    response = client.get(reverse("report:index"), {"year": YEAR})
    assert response.status_code == 302
    assert response["Location"] == url()
    # no year, or one out of range: this year's report
    this_year = url(year=timezone.localdate().year)
    assert client.get(reverse("report:index"))["Location"] == this_year
    assert client.get(reverse("report:index"), {"year": "1999"})["Location"] == this_year
    assert client.get(reverse("report:index"), {"year": "x"})["Location"] == this_year


@pytest.mark.parametrize("year", [2014, timezone.localdate().year + 1, 99999])
def test_a_year_out_of_range_is_not_found(network, client_as, year):
    assert client_as(network.user("mu")).get(url(year=year)).status_code == 404


# --- what it counts ---------------------------------------------------------------------


def test_each_section_counts_the_years_activity(network):
    build_year(6, hubs=(network.hub_a, network.hub_b))
    data = report.annual_report(YEAR)

    membership = figures(section(data, "membership"))
    # six built, plus the two network cities (members since 2019); not the late joiner
    assert membership["Members at the end of the year"] == 8
    assert membership["New members"] == 3
    by_type = section(data, "membership").tables[1].rows
    assert ["Capital city", 3, 3] in by_type

    engagement = section(data, "engagement")
    assert engagement.tables[0].columns[0] == "Regional hub"
    assert sum(row[1] for row in engagement.tables[0].rows) == 8

    events = figures(section(data, "events"))
    assert events["Events held"] == 6
    assert events["Participants who attended"] == 6
    assert events["Member cities that attended"] == 6
    assert events["Attendance rate"] == "50%"

    helpdesk = figures(section(data, "helpdesk"))
    assert helpdesk["Requests opened"] == 6
    assert helpdesk["Requests resolved"] == 3
    assert helpdesk["Average first response (hours)"] == 2.0
    assert helpdesk["Average resolution (hours)"] == 24.0
    assert helpdesk["First responses on time"] == "100%"

    resources = figures(section(data, "resources"))
    assert resources["Resources published"] == 6
    assert resources["Submissions from members"] == 6
    assert resources["Member cities that submitted"] == 6

    surveys = section(data, "surveys")
    rows = {row[0]: row[1:] for row in surveys.tables[0].rows}
    assert len(surveys.tables[0].rows) == 2
    # all 8 members asked, 3 answered; the regional survey asked hub A's 4 members
    assert surveys.tables[0].rows[0][1:] == [8, 3, 38]
    assert surveys.tables[0].rows[1][1:] == [4, 0, 0]
    assert rows

    fund = figures(section(data, "support-fund"))
    assert fund["Requests received"] == 6
    assert fund["Requests approved"] == 3
    assert fund["Budget approved (EUR)"] == 3000


def test_members_without_a_hub_come_after_the_hubs_in_every_language(network):
    build_year(2, hubs=(network.hub_a, network.hub_b))
    CityFactory(hub=None, country="DK", slug="aarhus", member_since=datetime.date(2019, 1, 1))
    for language, label in (("en", "No regional hub"), ("fr", "Aucun pôle régional")):
        with translation.override(language):
            rows = section(report.annual_report(YEAR), "membership").tables[0].rows
        assert rows[-1][0] == label
        hubs = [row[0] for row in rows[:-1]]
        assert hubs == sorted(hubs) and len(hubs) == 2


def test_indicators_show_computed_and_entered_values_against_targets(network):
    build_year(4, hubs=(network.hub_a, network.hub_b))
    data = report.annual_report(YEAR)
    rows = {row.indicator.code: row for row in data.indicators}
    members = next(f for f in rows["members"].years if f.year == YEAR)
    assert members.value == 6 and members.target == 4 and members.achieved == 150
    trained = next(f for f in rows["trained"].years if f.year == YEAR)
    assert trained.value == 150 and trained.achieved == 75
    assert trained.source == "Training attendance sheets"
    # the year after the report's: a target may be set, no value yet
    assert [f.year for f in rows["members"].years] == [YEAR - 2, YEAR - 1, YEAR, YEAR + 1]


def test_share_meeting_expectations_is_computed_for_the_reports_year(network):
    indicator = Indicator.objects.create(
        code="share", name_en="Share meeting", rule=Indicator.Rule.SHARE_MEETING, unit="percent"
    )
    indicator.values.create(year=YEAR - 1, value=40, source="Recorded at the end of the year")
    data = report.annual_report(YEAR)
    figures_by_year = {f.year: f for f in data.indicators[0].years}
    share = figures(section(data, "engagement"))["Share of members meeting expectations"]
    assert f"{figures_by_year[YEAR].value}%" == share
    assert figures_by_year[YEAR - 1].value == 40
    assert figures_by_year[YEAR - 2].value is None


def test_empty_sections_say_so(db):
    data = report.annual_report(YEAR)
    assert section(data, "events").empty == "No events were held in this year."
    assert section(data, "surveys").empty == "No surveys were sent in this year."
    assert data.indicators == []


def test_the_surveys_section_says_so_when_the_surveys_app_is_missing(db, monkeypatch):
    monkeypatch.setattr(report, "_survey_models", lambda: None)
    assert section(report.annual_report(YEAR), "surveys").empty == (
        "Surveys are not part of the portal yet."
    )


def test_the_page_shows_every_section_with_charts_data_and_no_inline_script(network, client_as):
    build_year(2, hubs=(network.hub_a, network.hub_b))
    response = client_as(network.user("mu")).get(url())
    html = response.content.decode()
    for title in [
        "Membership",
        "Engagement",
        "Events and attendance",
        "Helpdesk",
        "Online resource hub",
        "Surveys",
        "Technical Support Fund",
        "Indicators: monitoring, evaluation and learning",
    ]:
        assert f">{title}</h2>" in html
    assert 'id="report-charts" type="application/json"' in html
    assert '<canvas id="chart-membership"' in html
    assert '<div class="chart-canvas"><canvas id="chart-engagement"' in html
    for chart in ("events", "helpdesk", "resources", "surveys", "support-fund"):
        assert f'<canvas id="chart-{chart}"' in html
    assert "steering/report" in html and ".js" in html
    # no inline script (the CSP forbids them): only files and JSON data
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts
    assert all("src=" in tag or 'type="application/json"' in tag for tag in scripts)


def test_the_page_is_right_to_left_and_translated_in_arabic(network, client_as):
    response = client_as(network.user("mu")).get(url(lang="ar"))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# --- constant queries -------------------------------------------------------------------


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["report:annual", "report:tables"])
def test_the_report_costs_the_same_queries_at_two_sizes(
    network, client_as, django_assert_max_num_queries, name
):
    client = client_as(network.user("mu"))
    build_year(2, hubs=(network.hub_a, network.hub_b))
    with django_assert_max_num_queries(60):
        small = count_queries(client, url(name))
    build_year(20, hubs=(network.hub_a, network.hub_b))
    Indicator.objects.create(code="events", name_en="Events", rule=Indicator.Rule.EVENTS_HELD)
    with django_assert_max_num_queries(60):
        large = count_queries(client, url(name))
    # one more rule in use costs one more query; nothing grows with the rows
    assert large <= small + 1


def test_indicator_values_cost_one_query_per_rule_whatever_the_years(
    db, django_assert_max_num_queries
):
    from steering import indicators

    with django_assert_max_num_queries(len(indicators.YEARLY_RULES)):
        values = indicators.computed_values(
            set(indicators.YEARLY_RULES), list(range(2015, timezone.localdate().year + 1))
        )
    assert values[(Indicator.Rule.MEMBERS, 2016)] == 0


# --- CSV tables -------------------------------------------------------------------------


def test_the_csv_tables_are_utf8_with_a_bom_and_safe_from_formulas(network, client_as):
    import csv
    import io
    import zipfile

    build_year(2, hubs=(network.hub_a, network.hub_b))
    network.hub_a.name_ar = '=HYPERLINK("http://evil.example")'
    network.hub_a.save()
    network.hub_b.name_ar = "شرق وجنوب أفريقيا"
    network.hub_b.save()
    response = client_as(network.user("mu")).get(url("report:tables", lang="ar"))
    assert response["Content-Type"] == "application/zip"
    assert f"strong-cities-annual-report-{YEAR}-ar.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[0] == "00-figures.csv"
    assert "01-membership-by-hub.csv" in names
    assert names[-1].endswith("-indicators.csv")
    for name in names:
        assert archive.read(name).startswith(b"\xef\xbb\xbf")
    text = archive.read("01-membership-by-hub.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    labels = [row[0] for row in rows[1:]]
    assert "شرق وجنوب أفريقيا" in labels
    assert '\'=HYPERLINK("http://evil.example")' in labels
    assert all(not label.startswith("=") for label in labels)


def test_a_formula_like_cell_is_prefixed_but_numbers_are_kept(db):
    from steering.report_exports import safe_cell

    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+33 1") == "'+33 1"
    assert safe_cell("-x") == "'-x"
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell(-5) == "-5"
    assert safe_cell("Amman") == "Amman"
    assert safe_cell(None) == ""


# --- PDF --------------------------------------------------------------------------------


def test_the_standalone_html_is_self_contained_and_right_to_left_in_arabic(network):
    from steering.report_exports import standalone_html

    build_year(2, hubs=(network.hub_a, network.hub_b))
    with translation.override("ar"):
        html = standalone_html(report.annual_report(YEAR))
    assert '<html lang="ar" dir="rtl">' in html
    assert "default-src 'none'" in html
    assert "<script" not in html
    assert "src=" not in html and "<link" not in html and "url(" not in html
    assert 'class="bar"' in html  # charts drawn as bars on the server


chromium = pytest.mark.skipif(
    not __import__("os").path.exists("/usr/bin/chromium"), reason="chromium is not installed"
)


@chromium
def test_the_pdf_is_printed_in_the_readers_language(network, client_as):
    build_year(2, hubs=(network.hub_a, network.hub_b))
    response = client_as(network.user("mu")).get(url("report:pdf", lang="ar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"strong-cities-annual-report-{YEAR}-ar.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_without_chromium_the_pdf_link_explains_instead_of_failing(network, client_as, settings):
    settings.PDF_CHROMIUM = "/nonexistent/chromium"
    response = client_as(network.user("mu")).get(url("report:pdf"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "The PDF could not be made" in html
    assert "not installed on this server" in html
    assert url("report:tables") in html


def test_a_failing_or_hanging_chromium_gives_a_clear_message(
    network, client_as, settings, tmp_path
):
    failing = tmp_path / "failing-chromium"
    failing.write_text("#!/bin/sh\nexit 1\n")
    failing.chmod(0o755)
    settings.PDF_CHROMIUM = str(failing)
    client = client_as(network.user("mu"))
    response = client.get(url("report:pdf"))
    assert response.status_code == 503
    assert "The PDF could not be printed." in response.content.decode()

    hanging = tmp_path / "hanging-chromium"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(0o755)
    settings.PDF_CHROMIUM = str(hanging)
    settings.PDF_TIMEOUT = 1
    started = datetime.datetime.now()
    response = client.get(url("report:pdf", lang="fr"))
    assert response.status_code == 503
    assert (datetime.datetime.now() - started).total_seconds() < 10
    assert 'lang="fr"' in response.content.decode()
