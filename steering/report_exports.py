"""The annual report as CSV tables (a zip) and as PDF (printed by headless Chromium).

The PDF is the report rendered to one standalone HTML page (inline CSS, bars drawn
on the server, no script and no outside resource: a CSP meta tag forbids both) and
printed by Chromium, which shapes Arabic and lays it out right to left.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import signal
import subprocess
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from steering.report import AnnualReport, all_tables

logger = logging.getLogger(__name__)

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


class PdfUnavailable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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


def chromium_path() -> str:
    return getattr(settings, "REPORT_CHROMIUM", "/usr/bin/chromium")


def print_pdf(html: str) -> bytes:
    """Print `html` with headless Chromium; PdfUnavailable (with a translated reason)
    if Chromium is missing, fails or takes longer than REPORT_PDF_TIMEOUT seconds."""
    binary = chromium_path()
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        raise PdfUnavailable(_("The PDF printer (Chromium) is not installed on this server."))
    timeout = getattr(settings, "REPORT_PDF_TIMEOUT", 90)
    with tempfile.TemporaryDirectory(prefix="annual-report-") as folder:
        folder = Path(folder)
        page, output = folder / "report.html", folder / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={output}",
            page.as_uri(),
        ]
        env = {"HOME": str(folder), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        try:
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,  # so a timeout ends Chromium's helpers too
            )
        except OSError:
            logger.exception("could not start Chromium to print the annual report")
            raise PdfUnavailable(_("The PDF printer (Chromium) could not be started.")) from None
        try:
            _out, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            logger.warning("Chromium took more than %s s to print the annual report", timeout)
            raise PdfUnavailable(_("Printing the PDF took too long. Please try again.")) from None
        data = output.read_bytes() if output.exists() else b""
        if not data.startswith(b"%PDF"):
            logger.warning(
                "Chromium did not print the annual report (exit %s): %s",
                process.returncode,
                errors.decode("utf-8", "replace")[-2000:],
            )
            raise PdfUnavailable(_("The PDF could not be printed."))
        return data
