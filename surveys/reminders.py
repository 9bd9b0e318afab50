"""The reminder engine: rules kept as data (ReminderRule), evaluated against members'
records, each message recorded once per rule, city, person and period."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from members.engagement import FULFILLED_BY
from members.models import City, EngagementRecord, Expectation, Leader, PrinciplesAgreement
from members.services import current_principles, reachable_focal_points
from strongcities.text import absolute_url
from surveys.delivery import enqueue_batches_after_commit
from surveys.models import ReminderDelivery, ReminderRule
from surveys.preferences import opted_out

Trigger = ReminderRule.Trigger


def period_key(repeat: str, today: datetime.date) -> str:
    if repeat == ReminderRule.Repeat.YEARLY:
        return f"{today.year}"
    if repeat == ReminderRule.Repeat.MONTHLY:
        return f"{today.year}-{today.month:02d}"
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def rule_audience(rule: ReminderRule) -> QuerySet:
    cities = City.objects.members()
    if rule.audience == ReminderRule.Audience.HUBS:
        cities = cities.filter(hub__in=rule.hubs.all())
    return cities


def triggered_cities(rule: ReminderRule, *, now=None) -> QuerySet:
    """The audience cities the rule's trigger holds for, in a fixed number of queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cities = rule_audience(rule)
    if rule.trigger == Trigger.NO_EVENT_THIS_YEAR:
        attended = EngagementRecord.objects.filter(
            kind__in=FULFILLED_BY[Expectation.ANNUAL_EVENT], occurred_on__year=today.year
        ).values("city_id")
        return cities.exclude(pk__in=attended)
    if rule.trigger == Trigger.PROFILE_NOT_REVIEWED:
        year_ago = now - datetime.timedelta(days=365)
        return cities.exclude(profile_reviewed_at__gte=year_ago)
    if rule.trigger == Trigger.PRINCIPLES_NOT_AGREED:
        principles = current_principles()
        if principles is None:
            return cities.none()
        agreed = dict(
            PrinciplesAgreement.objects.filter(principles=principles, city__in=cities)
            .values("city_id")
            .annotate(last=Max("agreed_at"))
            .values_list("city_id", "last")
        )
        leader_since = dict(
            Leader.objects.filter(city__in=cities, term_start__lte=today)
            .values("city_id")
            .annotate(since=Max("term_start"))
            .values_list("city_id", "since")
        )
        # agreed, and not before the current leader took office (members.services)
        in_good_standing = [
            city_id
            for city_id, agreed_at in agreed.items()
            if not leader_since.get(city_id) or agreed_at.date() >= leader_since[city_id]
        ]
        return cities.exclude(pk__in=in_good_standing)
    raise ValueError(f"Unknown trigger {rule.trigger!r}")


@transaction.atomic
def evaluate_rule(rule_id: int, *, now=None) -> int:
    """Record (and queue) this period's reminders for every city the rule holds for.
    Running it again in the same period queues nothing new. Returns rows queued."""
    from hubs.models import HubStaff

    rule = ReminderRule.objects.filter(pk=rule_id, is_active=True).first()
    if rule is None:
        return 0
    now = now or timezone.now()
    period = period_key(rule.repeat, timezone.localdate(now))
    cities = triggered_cities(rule, now=now)
    rows = [
        ReminderDelivery(
            rule=rule,
            city_id=city_id,
            recipient_id=user_id,
            language=language,
            period=period,
            kind=ReminderDelivery.Kind.MEMBER,
        )
        for city_id, user_id, language in reachable_focal_points(cities)
        .exclude(user__in=opted_out())
        .values_list("city_id", "user_id", "user__preferred_language")
    ]
    if rule.tell_hub:
        told: dict[tuple[int, str], list[int]] = {}  # (lead, language) -> their cities
        for user_id, language, city_id in HubStaff.objects.filter(
            role=HubStaff.Role.LEAD,
            is_active=True,
            user__is_active=True,
            hub__cities__in=cities,
        ).values_list("user_id", "user__preferred_language", "hub__cities__pk"):
            told.setdefault((user_id, language), []).append(city_id)
        rows += [
            ReminderDelivery(
                rule=rule,
                city=None,
                cities=sorted(city_ids),
                recipient_id=user_id,
                language=language,
                period=period,
                kind=ReminderDelivery.Kind.HUB,
            )
            for (user_id, language), city_ids in told.items()
        ]
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    ids = list(
        ReminderDelivery.objects.filter(
            rule=rule, period=period, status=ReminderDelivery.Status.PENDING
        ).values_list("pk", flat=True)
    )
    enqueue_batches_after_commit(ReminderDelivery, ids)
    return len(ids)


# --- the message -----------------------------------------------------------------------

# Where the focal point acts on each trigger.
ACTION_URL = {
    Trigger.NO_EVENT_THIS_YEAR: lambda city: reverse("events:event-list"),
    Trigger.PROFILE_NOT_REVIEWED: lambda city: reverse(
        "members:city-edit", kwargs={"country": city.country.code.lower(), "slug": city.slug}
    ),
    Trigger.PRINCIPLES_NOT_AGREED: lambda city: reverse(
        "members:city-edit", kwargs={"country": city.country.code.lower(), "slug": city.slug}
    ),
}


def fill_in(text: str, values: dict[str, str]) -> str:
    """Replace {city}, {name} and {link}; anything else in braces is left as written."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def _engagement_url(city) -> str:
    path = reverse(
        "engagement:city", kwargs={"country": city.country.code.lower(), "slug": city.slug}
    )
    return absolute_url(path)


def render_reminder_delivery(row: ReminderDelivery):
    rule = row.rule
    if row.kind == ReminderDelivery.Kind.HUB:
        with translation.override(row.language):
            cities = [
                (str(city.name), _engagement_url(city))
                for city in City.objects.filter(pk__in=row.cities).order_by("name")
            ]
        return "surveys/emails/rule_hub_notice", {"rule": rule, "cities": cities}
    with translation.override(row.language):
        values = {
            "city": str(row.city.name),
            "name": row.recipient.display_name,
            "link": absolute_url(ACTION_URL[rule.trigger](row.city)),
        }
        subject = fill_in(str(rule.subject), values)
        body = fill_in(str(rule.body), values)
    return "surveys/emails/rule_reminder", {
        "rule": rule,
        "subject": subject,
        "body": body,
        "link": values["link"],
    }


def send_reminder_delivery(delivery_id: int) -> bool:
    from surveys.delivery import deliver

    return deliver(ReminderDelivery, delivery_id, render_reminder_delivery, related=("rule",))


def send_reminder_deliveries(delivery_ids: list[int]) -> tuple[int, list[int]]:
    from surveys.delivery import deliver_many

    return deliver_many(ReminderDelivery, delivery_ids, render_reminder_delivery, related=("rule",))


def ensure_schedule(rule: ReminderRule) -> None:
    """Give a rule without a schedule a weekly one (Mondays 07:00 UTC), editable later."""
    import json

    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    if rule.schedule_id:
        return
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="7", day_of_week="1", day_of_month="*", month_of_year="*"
    )
    task, _ = PeriodicTask.objects.get_or_create(
        name=f"Reminder rule: {rule.name}"[:200],
        defaults={
            "task": "surveys.tasks.evaluate_reminder_rule",
            "crontab": crontab,
            "args": json.dumps([rule.pk]),
        },
    )
    rule.schedule = task
    rule.save(update_fields=["schedule"])


def install_default_rules() -> None:
    """The three rules the network needs, with their schedules, if missing (the data
    migration made them; a flushed database, as in some tests, has lost them)."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("surveys.migrations.0002_schedules_and_reminder_rules")
    migration.forwards(apps, None)
