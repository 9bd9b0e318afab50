"""The annual report as CSV tables (a zip) and as PDF (printed by headless Chromium).

The PDF is the report rendered to one standalone HTML page (inline CSS, bars drawn
on the server, no script and no outside resource: a CSP meta tag forbids both) and
printed by Chromium, which shapes Arabic and lays it out right to left.
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi

from steering.report import AnnualReport, all_tables
from strongcities import pdf

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def file_name(year: int, language: str, extension: str) -> str:
    return f"strong-cities-annual-report-{year}-{language}.{extension}"


def safe_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_csv(table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(c) for c in row])
    # With a byte order mark, spreadsheet programs read the file as UTF-8 (Arabic names).
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_zip(report: AnnualReport) -> bytes:
    """One CSV per table of the report, numbered in the report's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (_section, table) in enumerate(all_tables(report)):
            archive.writestr(f"{number:02d}-{table.slug}.csv", table_csv(table))
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------

# Printing is shared with the certificates of attendance (strongcities.pdf).
PdfUnavailable = pdf.PdfUnavailable


def standalone_html(report: AnnualReport, request=None) -> str:
    return render_to_string(
        "steering/report/pdf.html",
        {
            "report": report,
            "LANGUAGE_CODE": get_language(),
            "LANGUAGE_BIDI": get_language_bidi(),
            "printed_at": timezone.localtime(),
        },
    )


def print_pdf(html: str) -> bytes:
    """Print the report's standalone page; PdfUnavailable with a translated reason."""
    return pdf.print_pdf(html, purpose="annual report")
