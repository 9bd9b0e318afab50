"""Reading the audit trail: filtered querysets and rows shaped for the page and the CSV."""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.models import AuditEntry

EXPORT_LABELS = {
    "engagement": gettext_lazy("Engagement of members"),
    "event-participants": gettext_lazy("Event participants"),
    "survey-answers": gettext_lazy("Survey answers"),
    "annual-report-tables": gettext_lazy("Annual report tables"),
    "annual-report-pdf": gettext_lazy("Annual report (PDF)"),
    "audit-trail": gettext_lazy("Audit trail"),
}
ACTION_CODES = {0: "create", 1: "update", 2: "delete", 3: "access"}
ACTION_LABELS = {
    0: gettext_lazy("Created"),
    1: gettext_lazy("Changed"),
    2: gettext_lazy("Deleted"),
    3: gettext_lazy("Read or sent"),
}
VALUE_LIMIT = 300  # characters of a changed value shown on the page


@dataclass
class TrailFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    kind: str = ""
    action: int | None = None
    model: str = ""  # "app_label.model"
    search: str = ""


def base_queryset() -> QuerySet:
    return AuditEntry.objects.select_related("actor", "subject_user", "content_type").order_by(
        "-timestamp", "-pk"
    )


def trail(
    filters: TrailFilters | None = None,
    *,
    person_id: int | None = None,
    content_type: ContentType | None = None,
    object_pk: str | None = None,
) -> QuerySet:
    """Entries matching the filters, newest first; for one person (who acted, or whom the
    entry is about) or one object (and, for a city, the rows that belong to it)."""
    entries = base_queryset()
    if person_id is not None:
        entries = entries.filter(Q(actor_id=person_id) | Q(subject_user_id=person_id))
    if content_type is not None:
        about = Q(content_type=content_type, object_pk=str(object_pk))
        if content_type.app_label == "members" and content_type.model == "city":
            about |= Q(city_id=int(object_pk))
        entries = entries.filter(about)
    filters = filters or TrailFilters()
    zone = timezone.get_current_timezone()
    if filters.date_from:
        start = datetime.datetime.combine(filters.date_from, datetime.time.min, tzinfo=zone)
        entries = entries.filter(timestamp__gte=start)
    if filters.date_to:
        end = datetime.datetime.combine(
            filters.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        entries = entries.filter(timestamp__lt=end)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.action is not None:
        entries = entries.filter(action=filters.action)
    if filters.model:
        app_label, _dot, model = filters.model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
    if filters.search:
        entries = entries.filter(
            Q(object_repr__icontains=filters.search) | Q(actor_email__icontains=filters.search)
        )
    return entries


def audited_model_choices() -> list[tuple[str, str]]:
    from audit.registry import audited_models

    choices = [
        (model._meta.label_lower, str(model._meta.verbose_name_plural).capitalize())
        for model in audited_models()
    ]
    return sorted(choices, key=lambda choice: choice[1])


# --- rows for the page ------------------------------------------------------------


@dataclass
class Change:
    label: str
    before: str = ""
    after: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Row:
    entry: AuditEntry
    what: str
    changes: list[Change]
    details: list[tuple[str, str]]

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.entry.action, ""))

    @property
    def model_label(self) -> str:
        ct = self.entry.content_type
        return f"{ct.app_label}.{ct.model}" if ct else ""


def _model_field(model, name):
    if model is None:
        return None
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field if model_field.concrete else None


def _shorten(text: str) -> str:
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def _readable(model_field, value, names: dict) -> str:
    if value is None or value == "":
        return "–"
    if model_field is not None:
        if model_field.is_relation and model_field.many_to_one:
            key = (model_field.related_model, str(value))
            return names.get(key, f"#{value}")
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return _shorten(str(value))


def _related_names(entries) -> dict:
    """One query per related model on the page: the names behind foreign keys."""
    wanted: dict = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type else None
        for name, change in (entry.changes or {}).items():
            model_field = _model_field(model, name)
            if model_field is None or not (model_field.is_relation and model_field.many_to_one):
                continue
            if isinstance(change, list):
                wanted[model_field.related_model].update(str(v) for v in change if v is not None)
    names = {}
    for related, pks in wanted.items():
        valid = [pk for pk in pks if pk.isdigit()]
        for obj in related._base_manager.filter(pk__in=valid):
            names[(related, str(obj.pk))] = str(obj)
    return names


def _changes(entry, names) -> list[Change]:
    model = entry.content_type.model_class() if entry.content_type else None
    changes = []
    for name, change in (entry.changes or {}).items():
        if name == "id":  # a new row's id says nothing the record link does not
            continue
        model_field = _model_field(model, name)
        label = str(model_field.verbose_name) if model_field is not None else name
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = [str(o) for o in change.get("objects", [])]
            added = objects if change.get("operation") == "add" else []
            removed = objects if change.get("operation") != "add" else []
            changes.append(Change(label=label, added=added, removed=removed))
        elif isinstance(change, list) and len(change) == 2:
            before, after = change
            changes.append(
                Change(
                    label=label,
                    before=_readable(model_field, before, names),
                    after=_readable(model_field, after, names),
                )
            )
    return changes


def _details(entry) -> list[tuple[str, str]]:
    data = entry.additional_data or {}
    details = []
    if data.get("export"):
        details.append((_("Export"), str(EXPORT_LABELS.get(data["export"], data["export"]))))
    if data.get("format"):
        details.append((_("Format"), data["format"].upper()))
    filters = {k: v for k, v in (data.get("filters") or {}).items() if v and k != "page"}
    if filters:
        shown = "; ".join(f"{k}={', '.join(v)}" for k, v in filters.items())
        details.append((_("Filters"), _shorten(shown)))
    if data.get("user_agent"):
        details.append((_("Browser"), _shorten(data["user_agent"])))
    for key, label in (("counts", _("Records changed")), ("reason", _("Reason"))):
        if data.get(key):
            value = data[key]
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {v}" for k, v in sorted(value.items()) if v)
            details.append((label, _shorten(str(value))))
    return details


def _what(entry) -> str:
    if entry.content_type is None:
        return entry.get_kind_display()
    model = entry.content_type.model_class()
    noun = str(model._meta.verbose_name) if model else entry.content_type.model
    return f"{noun.capitalize()} · {entry.object_repr}" if entry.object_repr else noun


def rows_for(entries) -> list[Row]:
    entries = list(entries)
    names = _related_names(entries)
    return [
        Row(entry=e, what=_what(e), changes=_changes(e, names), details=_details(e))
        for e in entries
    ]


CSV_HEADER = [
    "timestamp",
    "kind",
    "action",
    "model",
    "object_id",
    "object",
    "actor_id",
    "actor_email",
    "about_user_id",
    "city_id",
    "remote_address",
    "request_id",
    "from",
    "changes",
    "details",
]


def csv_rows(entries: QuerySet):
    """The filtered trail, every column, machine-readable; read in chunks."""
    yield CSV_HEADER
    for e in entries.select_related(None).select_related("content_type").iterator(2000):
        ct = e.content_type
        yield [
            e.timestamp.isoformat(),
            e.kind,
            ACTION_CODES.get(e.action, ""),
            f"{ct.app_label}.{ct.model}" if ct else "",
            e.object_pk,
            e.object_repr,
            e.actor_id or "",
            e.actor_email or "",
            e.subject_user_id or "",
            e.city_id or "",
            e.remote_addr or "",
            e.cid or "",
            e.request_path,
            json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
            json.dumps(e.additional_data, ensure_ascii=False) if e.additional_data else "",
        ]
