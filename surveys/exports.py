"""Survey answers as CSV (UTF-8 with BOM, so spreadsheet programs read Arabic) and XLSX."""

import csv
import io

from django.utils.translation import gettext as _

from members.exports import spreadsheet_safe
from surveys import selectors


def answer_table(survey, responses) -> tuple[list[str], list[list]]:
    questions = selectors.questions_of(survey)
    responses = list(responses)
    answers = selectors.answers_by_response(responses)
    header = [
        _("City"),
        _("Country"),
        _("Regional hub"),
        _("Status"),
        _("Submitted by"),
        _("Submitted"),
        *[str(q.text) for q in questions],
    ]
    body = []
    for response in responses:
        values = answers.get(response.pk, {})
        city = response.city
        body.append(
            [
                spreadsheet_safe(cell)
                for cell in [
                    str(city.name),
                    str(city.country.name),
                    str(city.hub.name) if city.hub_id else "",
                    str(response.get_status_display()),
                    str(response.submitted_by) if response.submitted_by_id else "",
                    response.submitted_at.strftime("%Y-%m-%d %H:%M")
                    if response.submitted_at
                    else "",
                    *[selectors.readable(q, values.get(q.pk)) for q in questions],
                ]
            ]
        )
    return [spreadsheet_safe(h) for h in header], body


def to_csv(survey, responses) -> bytes:
    header, body = answer_table(survey, responses)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(body)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(survey, responses) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, body = answer_table(survey, responses)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in body:
        sheet.append(line)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
