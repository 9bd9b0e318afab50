"""Views of the annual report: thin, the figures come from steering.report."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from audit.decorators import audited_export
from steering import report, report_cache, report_exports
from strongcities.decorators import permission_required

VIEW_REPORT = "steering.view_report"


def _checked_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise Http404 from None
    if year not in report.report_years():
        raise Http404
    return year


@permission_required(VIEW_REPORT)
def report_index(request):
    """The year selector's target, and the report's entry point: this year's report."""
    chosen = request.GET.get("year")
    year = timezone.localdate().year
    if chosen and chosen.isdigit() and int(chosen) in report.report_years():
        year = int(chosen)
    return redirect("report:annual", year=year)


@permission_required(VIEW_REPORT)
def annual_report(request, year: int):
    year = _checked_year(year)
    # Built by a task every ten minutes (steering/report_cache.py); the exports below
    # build their own, current to the second.
    data = report_cache.ready_report(year)
    return render(
        request,
        "steering/report/annual.html",
        {"report": data, "years": report.report_years(), "charts": data.charts_json()},
    )


@permission_required(VIEW_REPORT)
@audited_export("annual-report-tables")
def report_tables(request, year: int):
    year = _checked_year(year)
    data = report.annual_report(year)
    response = HttpResponse(report_exports.tables_zip(data), content_type="application/zip")
    name = report_exports.file_name(year, get_language(), "zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@permission_required(VIEW_REPORT)
@audited_export("annual-report-pdf")
def report_pdf(request, year: int):
    year = _checked_year(year)
    data = report.annual_report(year)
    html = report_exports.standalone_html(data, request)
    try:
        pdf = report_exports.print_pdf(html)
    except report_exports.PdfUnavailable as error:
        return render(
            request,
            "steering/report/pdf_failed.html",
            {"report": data, "reason": error.reason},
            status=503,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = report_exports.file_name(year, get_language(), "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
