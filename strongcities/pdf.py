"""Printing a standalone HTML page to PDF with headless Chromium.

Used for the annual report (steering) and certificates of attendance (events). The
page is rendered by the caller to one self-contained HTML document (inline CSS, no
script, no outside resource); Chromium shapes Arabic and lays it out right to left,
which the pure-Python PDF libraries do not.

Settings: PDF_CHROMIUM (the binary, default /usr/bin/chromium) and PDF_TIMEOUT
(seconds, default 90).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """The PDF could not be printed; `reason` is a translated sentence for the reader."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def chromium_path() -> str:
    return getattr(settings, "PDF_CHROMIUM", "/usr/bin/chromium")


def chromium_available() -> bool:
    binary = chromium_path()
    return os.path.isfile(binary) and os.access(binary, os.X_OK)


def print_pdf(html: str, *, purpose: str = "document") -> bytes:
    """Print `html` with headless Chromium and return the PDF's bytes.

    Raises PdfUnavailable (with a translated reason) if Chromium is missing, fails or
    takes longer than PDF_TIMEOUT seconds; `purpose` only names the job in the logs.
    """
    if not chromium_available():
        raise PdfUnavailable(_("The PDF printer (Chromium) is not installed on this server."))
    timeout = getattr(settings, "PDF_TIMEOUT", 90)
    with tempfile.TemporaryDirectory(prefix="strongcities-pdf-") as folder:
        folder = Path(folder)
        page, output = folder / "page.html", folder / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium_path(),
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
            logger.exception("could not start Chromium to print the %s", purpose)
            raise PdfUnavailable(_("The PDF printer (Chromium) could not be started.")) from None
        try:
            _out, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            logger.warning("Chromium took more than %s s to print the %s", timeout, purpose)
            raise PdfUnavailable(_("Printing the PDF took too long. Please try again.")) from None
        data = output.read_bytes() if output.exists() else b""
        if not data.startswith(b"%PDF"):
            logger.warning(
                "Chromium did not print the %s (exit %s): %s",
                purpose,
                process.returncode,
                errors.decode("utf-8", "replace")[-2000:],
            )
            raise PdfUnavailable(_("The PDF could not be printed."))
        return data
