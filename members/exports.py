"""The engagement table as CSV (UTF-8 with BOM, so spreadsheet programs read Arabic)
and as XLSX."""

import csv
import io

from django.utils.translation import gettext as _

from members.models import Expectation


def spreadsheet_safe(value):
    """A cell starting with = + - or @ would run as a formula in a spreadsheet program."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _table(rows) -> tuple[list[str], list[list]]:
    header = [
        _("City"),
        _("Country"),
        _("Regional hub"),
        _("Year"),
        _("Status"),
        *[str(e.label) for e in Expectation],
        _("Reasons"),
        _("Notes"),
    ]
    body = []
    for row in rows:
        met = {item.expectation: item.met for item in row.checklist}
        body.append(
            [
                spreadsheet_safe(v)
                for v in [
                    row.city.name,
                    row.city.country.name,
                    row.city.hub.name if row.city.hub_id else "",
                    row.year,
                    row.status_label,
                    *[
                        (_("yes") if met[e] else _("no")) if e in met else _("not agreed")
                        for e in Expectation
                    ],
                    "; ".join(str(r) for r in row.reasons),
                    row.notes,
                ]
            ]
        )
    return header, body


def rows_to_csv(rows) -> bytes:
    header, body = _table(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(body)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rows_to_xlsx(rows, year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, body = _table(rows)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in body:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
