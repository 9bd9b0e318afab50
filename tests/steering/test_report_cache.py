"""The annual report page reads the report a Celery task keeps ready in each language;
until the task has run, the page builds it itself."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from steering.tasks import refresh_annual_reports
from tests.steering.report_data import YEAR, build_year


def report_page(client, year, lang="en"):
    with translation.override(lang):
        path = reverse("report:annual", args=[year])
    return client.get(path)


def test_the_page_shows_the_report_the_task_prepared_in_each_language(network, client_as):
    year = YEAR  # last year: the task prepares this year's and last year's
    build_year(2, hubs=(network.hub_a, network.hub_b))
    client = client_as(network.user("mu"))
    live = report_page(client, year)
    assert refresh_annual_reports() == 6  # this year and last, in ar, en and fr
    for lang in ("ar", "en", "fr"):
        ready = report_page(client, year, lang)
        assert ready.status_code == 200
        assert ready.context["report"].generated_at < timezone.now()
    ready = report_page(client, year)
    assert ready.context["report"].generated_at > live.context["report"].generated_at
    assert [s.figures for s in ready.context["report"].sections] == [
        s.figures for s in live.context["report"].sections
    ]
    # the same report until the task runs again
    again = report_page(client, year)
    assert again.context["report"].generated_at == ready.context["report"].generated_at


def test_a_prepared_report_costs_a_handful_of_queries(network, client_as):
    year = YEAR
    build_year(2, hubs=(network.hub_a, network.hub_b))
    client = client_as(network.user("mu"))
    with CaptureQueriesContext(connection) as live:
        report_page(client, year)
    refresh_annual_reports()
    with CaptureQueriesContext(connection) as ready:
        assert report_page(client, year).status_code == 200
    assert len(ready.captured_queries) <= 12 < len(live.captured_queries)
