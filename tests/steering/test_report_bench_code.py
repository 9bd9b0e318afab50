"""The annual report benchmark's code runs (tiny data): it must not rot between full
runs. Speed goals live in bench/, not here; this checks the figures' shape only."""

import sys
from pathlib import Path

import pytest
from django.utils import timezone

BENCH = str(Path(__file__).resolve().parents[2] / "bench")


@pytest.mark.django_db
def test_the_report_benchmark_adds_five_years_once_and_measures(network):
    if BENCH not in sys.path:
        sys.path.insert(0, BENCH)
    import annual_report

    made = annual_report.add_activity(scale=0.002, report=lambda _line: None)
    assert made["added"] and made["events"] == 5 and made["indicators"] == 7
    assert annual_report.add_activity(report=lambda _line: None)["added"] is False
    year = timezone.localdate().year - 1
    figures = annual_report.measure([year], repeat=1, report=lambda _line: None)
    measured = figures["years"][year]
    assert measured["queries"] > 0
    assert {"compute", "csv_zip", "page_en", "page_ar"} <= set(measured)
    assert [row[0] for row in annual_report.table_rows(figures)][0] == (
        f"annual report {year}: compute"
    )
