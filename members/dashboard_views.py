"""Staff pages: the engagement dashboard, its exports, timelines, expectations,
colleague requests and the bulk import."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.decorators import audited_export
from hubs.models import Hub
from members import engagement, engagement_snapshot, exports, importing, selectors, services
from members.forms import AgreedExpectationsForm, ImportForm
from members.models import AgreedExpectations
from strongcities.decorators import permission_required
from strongcities.models import Invitation
from strongcities.permissions import can, engagement_scope
from strongcities.services import approve_colleague_invitation

PAGE_SIZE = 50


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return min(max(year, 2015), this_year + 1)


def _filtered_scope(request):
    cities = engagement_scope(request.user).order_by("name", "pk")
    hub, country = request.GET.get("hub", ""), request.GET.get("country", "")[:2].upper()
    if hub:
        cities = cities.filter(hub__slug=hub)
    if country:
        cities = cities.filter(country=country)
    return cities, {"hub": hub, "country": country, "status": request.GET.get("status", "")}


def _rows(request):
    year = _year(request)
    cities, filters = _filtered_scope(request)
    rows = engagement.engagement_rows(cities, year)
    filters["in_scope"] = len(rows)
    # Members without a reachable focal point, from the rows already computed.
    filters["attention"] = [row.city for row in rows if not row.city.reachable][:50]
    if filters["status"] in engagement.Status.ALL:
        rows = [row for row in rows if row.status == filters["status"]]
    return year, cities, filters, rows


def _live_figures(request) -> dict:
    """The dashboard's figures with every member judged now (before the first snapshot)."""
    year, cities, live, rows = _rows(request)
    return {
        "in_scope": live["in_scope"],
        "attention": live["attention"],
        "totals": engagement.status_totals(rows),
        "trend": engagement.yearly_trend(
            cities, list(range(year - 4, year + 1)), total=live["in_scope"]
        ),
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "computed_at": None,
    }


@permission_required("members.view_engagement")
def engagement_dashboard(request):
    # Totals, filter and trend from the background snapshot; the page's rows live
    # (members/engagement_snapshot.py): the page's cost no longer grows with the network.
    year = _year(request)
    cities, filters = _filtered_scope(request)
    scope = engagement_scope(request.user)
    hubs = list(Hub.objects.filter(pk__in=scope.values("hub_id")).order_by("sort_order"))
    figures = engagement_snapshot.dashboard(
        cities,
        year,
        status=filters["status"],
        page_number=request.GET.get("page"),
        page_size=PAGE_SIZE,
        hub_names={hub.pk: hub.name for hub in hubs},
    )
    if figures is None:  # no snapshot yet: every member judged now
        figures = _live_figures(request)
    filters["in_scope"], filters["attention"] = figures["in_scope"], figures["attention"]
    totals = figures["totals"]
    this_year = timezone.localdate().year
    chart = {
        "hubs": list(totals["by_hub"]),
        "series": {
            str(engagement.Status.LABELS[s]): [totals["by_hub"][h][s] for h in totals["by_hub"]]
            for s in engagement.Status.ALL
        },
        "trend": figures["trend"],
        "trend_label": _("Members with a network event attended (%)"),
    }
    page = figures["page"]
    return render(
        request,
        "members/engagement_dashboard.html",
        {
            "year": year,
            "years": list(range(this_year, 2015, -1)),
            "page": page,
            "rows": engagement.table_rows(page),
            "totals": totals,
            "filters": filters,
            "statuses": [(s, engagement.Status.LABELS[s]) for s in engagement.Status.ALL],
            "hubs": hubs,
            "countries": selectors.directory_countries(request.user),
            "chart": chart,
            "attention": filters["attention"],
            "attention_links": engagement.city_links(filters["attention"]),
            "pending_requests": Invitation.objects.filter(
                needs_approval=True, city__in=scope
            ).count(),
            "query": request.GET.urlencode(),
            "snapshot_at": figures["computed_at"],
        },
    )


@permission_required("members.view_engagement")
@audited_export("engagement")
def engagement_export(request, fmt):
    year, _cities, _filters, rows = _rows(request)
    name = f"engagement-{year}"
    if fmt == "csv":
        response = HttpResponse(exports.rows_to_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            exports.rows_to_xlsx(rows, year),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404


def _member_in_scope(request, country, slug):
    city = selectors.city_for_page(country=country, slug=slug)
    if not engagement_scope(request.user).filter(pk=city.pk).exists() and not can(
        request.user, "members.edit_city", city
    ):
        raise Http404
    return city


@permission_required("members.view_city_internals", _member_in_scope)
def city_engagement(request, country, slug, obj):
    city = obj
    year = _year(request)
    row = engagement.engagement_rows(type(city).objects.filter(pk=city.pk), year)
    return render(
        request,
        "members/city_engagement.html",
        {
            "city": city,
            "year": year,
            "row": row[0] if row else None,
            "records": engagement.timeline(city),
            "may_manage": can(request.user, "members.manage_expectations", city),
            "handovers": city.handovers.select_related("from_user", "to_user")[:20],
            "alerts": city.continuity_alerts.all()[:10],
        },
    )


@permission_required("members.manage_expectations", _member_in_scope)
def city_expectations(request, country, slug, obj):
    city = obj
    year = _year(request)
    agreed = AgreedExpectations.objects.filter(city=city, year=year).first()
    initial = {"additional": agreed.additional, "notes": agreed.notes} if agreed else {}
    form = AgreedExpectationsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_agreed_expectations(
            city=city, year=year, updated_by=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("The agreed expectations for %(year)s are saved.") % {"year": year}
        )
        return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "members/city_expectations.html",
        {
            "city": city,
            "year": year,
            "form": form,
            "history": city.revisions.filter(subject="expectations").select_related("changed_by")[
                :20
            ],
        },
    )


@permission_required("members.approve_colleague")
def colleague_requests(request):
    pending = (
        Invitation.objects.filter(needs_approval=True, city__in=engagement_scope(request.user))
        .select_related("city", "invited_by")
        .order_by("created_at")
    )
    return render(request, "members/colleague_requests.html", {"pending": pending})


def _invitation(request, pk):
    return get_object_or_404(Invitation.objects.select_related("city"), pk=pk, needs_approval=True)


@require_POST
@permission_required("members.approve_colleague", _invitation)
def colleague_request_decide(request, pk, obj):
    if request.POST.get("decision") == "approve":
        approve_colleague_invitation(obj, approved_by=request.user)
        messages.success(
            request,
            _("Approved: the invitation to %(email)s is on its way.") % {"email": obj.email},
        )
    else:
        obj.delete()
        messages.success(request, _("The request was declined."))
    return redirect("engagement:colleague-requests")


@permission_required("members.import")
def import_cities(request):
    """Step 1: upload and check (nothing written). Step 2: confirm, and the checked
    file, kept in storage under a signed token, is imported in one transaction."""
    report, token = None, None
    form = ImportForm()
    if request.method == "POST" and "token" in request.POST:
        stored = importing.stored_upload(request.POST["token"], user=request.user)
        if stored is None:
            messages.error(request, _("That checked file is no longer available; upload it again."))
            return redirect("engagement:import")
        with stored:
            report = importing.import_file(stored, commit=True, by=request.user)
        if report.committed:
            importing.discard_upload(request.POST["token"], user=request.user)
            messages.success(
                request,
                _("Imported %(cities)s cities and %(people)s focal points.")
                % {
                    "cities": report.cities_created + report.cities_updated,
                    "people": report.focal_points,
                },
            )
            return redirect("engagement:import")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = importing.import_file(upload, commit=False, by=request.user)
            if report.ok:
                token = importing.keep_upload(upload, user=request.user)
    return render(request, "members/import.html", {"form": form, "report": report, "token": token})
