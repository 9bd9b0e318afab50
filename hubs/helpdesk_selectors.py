"""Helpdesk reads, shaped for the pages and scoped by strongcities.permissions."""

from __future__ import annotations

import statistics
from datetime import timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hubs.models import Hub, Ticket, TicketAttachment, TicketMessage
from hubs.models.helpdesk import FINISHED_STATUSES, is_overdue
from strongcities.listing import translation_columns
from strongcities.permissions import tickets_visible_to


def queue(user, *, filters: dict | None = None) -> QuerySet:
    """The requests a person may see, filtered as the queue's form asks."""
    filters = filters or {}
    tickets = tickets_visible_to(user).select_related("city", "hub", "assignee")
    status = filters.get("status") or ""
    if status == "":
        tickets = tickets.open()
    elif status != "all":
        tickets = tickets.filter(status=status)
    for field in ("category", "priority"):
        if filters.get(field):
            tickets = tickets.filter(**{field: filters[field]})
    if filters.get("overdue"):
        tickets = tickets.overdue()
    if filters.get("hub"):
        tickets = tickets.filter(hub=filters["hub"])
    assignee = filters.get("assignee") or ""
    if assignee == "me":
        tickets = tickets.filter(assignee=user)
    elif assignee == "none":
        tickets = tickets.filter(assignee__isnull=True)
    elif assignee.isdigit():
        tickets = tickets.filter(assignee_id=int(assignee))
    query = (filters.get("q") or "").strip()
    if query:
        tickets = tickets.filter(
            Q(reference__iexact=query)
            | Q(subject__icontains=query)
            | Q(city__name__icontains=query)
        )
    return tickets.order_by("-created_at")


# What a row of the queue shows, read as plain values: no model instances for 50 rows
# of three tables, and the long texts (the request's description, the city's and the
# hub's profiles in three languages) stay in the database.
QUEUE_ROW_COLUMNS = (
    "reference",
    "subject",
    "category",
    "priority",
    "status",
    "created_at",
    "first_response_at",
    "first_response_due",
    "resolution_due",
    "assignee_id",
    "assignee__display_name",
    *translation_columns("city__name"),
    *translation_columns("hub__name"),
)


def queue_row_values(tickets: QuerySet) -> QuerySet:
    """`queue()`'s requests (a page of them: the count of the whole queue is made on
    `queue()` itself, without the joins these columns need) as the values a row of the
    queue shows (QUEUE_ROW_COLUMNS)."""
    return tickets.values(*QUEUE_ROW_COLUMNS)


def queue_rows(tickets) -> list[dict]:
    """The queue's rows for a page of `queue_row_values()`: links, labels, names in the
    page's language and ages worked out once for the page instead of in every cell."""
    from strongcities.listing import ages, choice_labels, iso_datetimes, translated, url_filler

    now = timezone.now()
    age = ages(now)
    iso = iso_datetimes()
    url = url_filler("helpdesk:ticket-detail", "reference")
    categories = choice_labels(Ticket.Category.choices)
    priorities = choice_labels(Ticket.Priority.choices)
    statuses = choice_labels(Ticket.Status.choices)
    city_name = translated("city__name")
    hub_name = translated("hub__name")
    return [
        {
            "url": url(ticket["reference"]),
            "reference": ticket["reference"],
            "subject": ticket["subject"],
            "city": city_name(ticket),
            "hub": hub_name(ticket),
            "category": categories.get(ticket["category"], ticket["category"]),
            "priority": ticket["priority"],
            "priority_label": priorities.get(ticket["priority"], ticket["priority"]),
            "status": ticket["status"],
            "status_label": statuses.get(ticket["status"], ticket["status"]),
            "is_overdue": is_overdue(
                ticket["status"],
                ticket["first_response_at"],
                ticket["first_response_due"],
                ticket["resolution_due"],
                now,
            ),
            "assignee": (
                ticket["assignee__display_name"] if ticket["assignee_id"] is not None else None
            ),
            "opened": iso(ticket["created_at"]),
            "age": age(ticket["created_at"]),
        }
        for ticket in tickets
    ]


def hub_summaries(*, since_days: int = 365) -> list[dict]:
    """For the Management Unit: per hub, open requests and the median first response."""
    now = timezone.now()
    is_open = ~Q(tickets__status__in=FINISHED_STATUSES)
    is_late = Q(tickets__first_response_at__isnull=True, tickets__first_response_due__lt=now) | Q(
        tickets__resolution_due__lt=now
    )
    hubs = list(
        Hub.objects.annotate(
            open_count=Count("tickets", filter=is_open),
            overdue_count=Count("tickets", filter=is_open & is_late),
            total_count=Count("tickets"),
        ).order_by("sort_order", "slug")
    )
    waits: dict[int, list[float]] = {}
    answered = Ticket.objects.filter(
        first_response_at__isnull=False,
        created_at__gte=timezone.now() - timedelta(days=since_days),
    ).values_list("hub_id", "created_at", "first_response_at")
    for hub_id, created_at, first_response_at in answered.iterator():
        waits.setdefault(hub_id, []).append((first_response_at - created_at).total_seconds())
    summaries = []
    for hub in hubs:
        seconds = waits.get(hub.pk)
        median_hours = round(statistics.median(seconds) / 3600, 1) if seconds else None
        summaries.append(
            {
                "hub": hub,
                "open": hub.open_count,
                "overdue": hub.overdue_count,
                "total": hub.total_count,
                "median_first_response_hours": median_hours,
            }
        )
    return summaries


def ticket_for_page(user, reference: str) -> Ticket:
    """The request, or 404 for anyone who may not see it (its existence stays secret)."""
    return get_object_or_404(
        tickets_visible_to(user).select_related("city", "hub", "assignee", "opened_by"),
        reference=reference,
    )


def ticket_messages(ticket: Ticket, *, include_internal: bool) -> list[TicketMessage]:
    messages = ticket.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.order_by("pk")),
        "resources",
    )
    if not include_internal:
        messages = messages.filter(visibility=TicketMessage.Visibility.PUBLIC)
    return list(messages)


def opening_attachments(ticket: Ticket) -> list[TicketAttachment]:
    return list(ticket.attachments.filter(message__isnull=True))


def attachment_for(user, reference: str, attachment_id: int, *, include_internal: bool):
    ticket = ticket_for_page(user, reference)
    attachments = ticket.attachments.select_related("message")
    if not include_internal:
        attachments = attachments.filter(
            Q(message__isnull=True) | Q(message__visibility=TicketMessage.Visibility.PUBLIC)
        )
    return get_object_or_404(attachments, pk=attachment_id)
