import csv

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from audit import selectors
from audit.decorators import audited_export
from audit.forms import TrailFilterForm
from audit.models import AuditEntry
from privacy.labels import is_erased_address
from strongcities.decorators import permission_required
from strongcities.permissions import can

PAGE_SIZE = 50
VIEW_TRAIL = "audit.view_trail"


def _content_type(model: str) -> ContentType:
    app_label, _dot, name = model.partition(".")
    content_type = ContentType.objects.filter(app_label=app_label, model=name).first()
    if content_type is None:
        raise Http404
    return content_type


def _trail_page(request, *, context: dict, export_scope: str = "", **scope):
    form = TrailFilterForm(request.GET or None)
    entries = selectors.trail(form.filters(), **scope)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "page": page,
            "rows": selectors.rows_for(page.object_list),
            "export_query": "&".join(part for part in (query.urlencode(), export_scope) if part),
            "retention_days": settings.AUDIT_RETENTION_DAYS,
            **context,
        },
    )


@permission_required(VIEW_TRAIL)
def trail(request):
    return _trail_page(request, context={})


@permission_required(VIEW_TRAIL)
def person_trail(request, pk: int):
    person = get_object_or_404(get_user_model(), pk=pk)
    return _trail_page(
        request,
        context={
            "person": person,
            "may_erase": can(request.user, "privacy.erase_person")
            and person != request.user
            and not is_erased_address(person.email),
        },
        export_scope=f"person={person.pk}",
        person_id=person.pk,
    )


@permission_required(VIEW_TRAIL)
def object_trail(request, model: str, pk: str):
    content_type = _content_type(model)
    model_class = content_type.model_class()
    obj = None
    if model_class is not None:
        obj = model_class._base_manager.filter(pk=pk).first() if pk.isdigit() else None
    return _trail_page(
        request,
        context={
            "subject_object": obj,
            "subject_label": str(obj) if obj is not None else f"#{pk}",
            "subject_model": model_class._meta.verbose_name if model_class else model,
        },
        export_scope=f"object={model}:{pk}",
        content_type=content_type,
        object_pk=pk,
    )


class _Echo:
    def write(self, value):
        return value


@permission_required(VIEW_TRAIL)
@audited_export("audit-trail")
def export(request):
    scope = {}
    person = request.GET.get("person", "")
    if person.isdigit():
        scope["person_id"] = int(person)
    target = request.GET.get("object", "")
    if ":" in target:
        model, _colon, pk = target.partition(":")
        scope["content_type"] = _content_type(model)
        scope["object_pk"] = pk
    entries = selectors.trail(TrailFilterForm(request.GET or None).filters(), **scope)
    # the rows are read while the file streams: stop at what exists now (not this export)
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    entries = entries.filter(pk__lte=last)
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in selectors.csv_rows(entries))
    response = StreamingHttpResponse(_with_bom(rows), content_type="text/csv; charset=utf-8")
    name = f"audit-trail-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _with_bom(rows):
    yield "\ufeff"  # so spreadsheet programs read Arabic and French correctly
    yield from rows
