"""Surveys: open, answer, submit, remind, close. Writes live here; views stay thin."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members.models import City, EngagementRecord
from members.services import reachable_focal_points, record_engagement
from strongcities.queue import enqueue_after_commit
from strongcities.text import absolute_url
from surveys.delivery import enqueue_batches_after_commit
from surveys.models import Answer, Question, Response, Survey, SurveyDelivery
from surveys.preferences import opted_out

LINK_SALT = "surveys.personal-link"


# --- audience --------------------------------------------------------------------


def audience_cities(survey: Survey) -> QuerySet:
    """The member cities a survey is addressed to."""
    cities = City.objects.members()
    if survey.audience == Survey.Audience.HUBS:
        return cities.filter(hub__in=survey.hubs.all())
    if survey.audience == Survey.Audience.CITIES:
        return cities.filter(pk__in=survey.cities.values("pk"))
    return cities


def is_addressed_to(survey: Survey, city) -> bool:
    return audience_cities(survey).filter(pk=city.pk).exists()


# --- personal links ------------------------------------------------------------------


def personal_token(delivery: SurveyDelivery) -> str:
    return signing.dumps(
        {"s": delivery.survey_id, "c": delivery.city_id, "u": delivery.recipient_id},
        salt=LINK_SALT,
    )


def read_personal_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"s", "c", "u"} <= set(data):
        return None
    return data


def personal_url(delivery: SurveyDelivery) -> str:
    with translation.override(delivery.language):
        path = reverse("surveys:personal-link", kwargs={"token": personal_token(delivery)})
    return absolute_url(path)


# --- opening and closing --------------------------------------------------------------


# Above this many messages, the request (or sweep) hands one task to the broker and a
# worker queues the messages: opening a survey to 10,000 people stays a quick page.
FAN_OUT_THRESHOLD = 50


def _queue(ids, survey=None) -> None:
    from surveys.tasks import fan_out_survey

    if survey is not None and len(ids) > FAN_OUT_THRESHOLD:
        enqueue_after_commit(fan_out_survey, survey.pk)
        return
    enqueue_batches_after_commit(SurveyDelivery, ids)


def pending_delivery_ids(survey_id: int) -> list[int]:
    return list(
        SurveyDelivery.objects.filter(survey_id=survey_id, status=SurveyDelivery.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _create_deliveries(survey, focal_points, *, kind, number=0) -> list[int]:
    """Rows for these (city, user) pairs; a pair that already has one is left alone."""
    rows = [
        SurveyDelivery(
            survey=survey,
            city_id=city_id,
            recipient_id=user_id,
            language=language,
            kind=kind,
            number=number,
        )
        for city_id, user_id, language in focal_points
    ]
    SurveyDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # ignore_conflicts gives no ids back: read the pending ones of this kind again
    return list(
        SurveyDelivery.objects.filter(
            survey=survey, kind=kind, number=number, status=SurveyDelivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def _focal_points_of(cities, exclude=None) -> list[tuple[int, int, str]]:
    focal_points = reachable_focal_points(cities)
    if exclude is not None:
        focal_points = focal_points.exclude(user__in=exclude)
    return list(
        focal_points.order_by("city_id", "user_id").values_list(
            "city_id", "user_id", "user__preferred_language"
        )
    )


@transaction.atomic
def open_survey(survey: Survey, *, opened_by=None) -> int:
    """Open a draft survey. From its opening date, each reachable focal point of each
    audience city gets one request in their language: at once if that date has come,
    else from the daily task. Returns the number of requests queued now."""
    original, survey = survey, Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(_("Only a draft survey can be opened."))
    if survey.closes_on <= timezone.localdate():
        raise ValidationError(_("This survey's closing date has passed; change it first."))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    if not audience_cities(survey).exists():
        raise ValidationError(_("No member city is in this survey's audience."))
    survey.status = Survey.Status.OPEN
    survey.opened_at = timezone.now()
    survey.opened_by = opened_by
    survey.save(update_fields=["status", "opened_at", "opened_by"])
    for field in ("status", "opened_at", "opened_by"):
        setattr(original, field, getattr(survey, field))
    if survey.opens_on > timezone.localdate():
        return 0
    return send_survey_requests(survey)


def send_survey_requests(survey: Survey) -> int:
    """Queue the request to every reachable focal point of the audience that has not
    had it: all of them when the survey opens, later ones (a new focal point) after."""
    ids = _create_deliveries(
        survey, _focal_points_of(audience_cities(survey)), kind=SurveyDelivery.Kind.REQUEST
    )
    _queue(ids, survey)
    return len(ids)


@transaction.atomic
def close_survey(survey: Survey) -> Survey:
    Survey.objects.filter(pk=survey.pk, status=Survey.Status.OPEN).update(
        status=Survey.Status.CLOSED
    )
    survey.refresh_from_db()
    return survey


def close_ended_surveys(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return Survey.objects.filter(status=Survey.Status.OPEN, closes_on__lt=today).update(
        status=Survey.Status.CLOSED
    )


def accepts_answers(survey: Survey, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return survey.status == Survey.Status.OPEN and survey.opens_on <= today <= survey.closes_on


# --- reminders -----------------------------------------------------------------------


@transaction.atomic
def queue_survey_reminders(survey: Survey, *, now=None) -> int:
    """Remind the audience cities that have not submitted, at most `reminder_max_count`
    times and no sooner than `reminder_min_days` after the last message; once the last
    reminder is that old, tell the city's hub lead. Returns the rows queued."""
    from hubs.models import HubStaff

    now = now or timezone.now()
    gap = datetime.timedelta(days=survey.reminder_min_days)
    cities = audience_cities(survey).exclude(
        pk__in=Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).values(
            "city_id"
        )
    )
    to_city = SurveyDelivery.objects.filter(survey=survey).exclude(
        kind=SurveyDelivery.Kind.ESCALATION
    )
    last = {
        row["city_id"]: row
        for row in to_city.filter(city__in=cities)
        .values("city_id")
        .annotate(number=Max("number"), at=Max("created_at"))
    }
    escalated = set(
        SurveyDelivery.objects.filter(
            survey=survey, kind=SurveyDelivery.Kind.ESCALATION
        ).values_list("city_id", flat=True)
    )
    remind: dict[int, list[int]] = {}  # reminder number -> city ids
    escalate: list[int] = []
    for city_id, hub_id in cities.values_list("pk", "hub_id"):
        previous = last.get(city_id)
        if previous is None or previous["at"] > now - gap:
            continue  # never asked (no reachable focal point then), or asked too recently
        if previous["number"] < survey.reminder_max_count:
            remind.setdefault(previous["number"] + 1, []).append(city_id)
        elif city_id not in escalated and hub_id:
            escalate.append(city_id)
    ids: list[int] = []
    for number, city_ids in remind.items():
        ids += _create_deliveries(
            survey,
            _focal_points_of(City.objects.filter(pk__in=city_ids), exclude=opted_out()),
            kind=SurveyDelivery.Kind.REMINDER,
            number=number,
        )
    if escalate:
        leads = (
            HubStaff.objects.filter(role=HubStaff.Role.LEAD, is_active=True, user__is_active=True)
            .filter(hub__cities__pk__in=escalate)
            .values_list("hub__cities__pk", "user_id", "user__preferred_language")
        )
        ids += _create_deliveries(survey, list(leads), kind=SurveyDelivery.Kind.ESCALATION)
    _queue(ids, survey)
    return len(ids)


def queue_all_survey_reminders(now=None) -> int:
    close_ended_surveys()
    today = timezone.localdate()
    total = 0
    for survey in Survey.objects.filter(status=Survey.Status.OPEN, opens_on__lte=today):
        with transaction.atomic():
            total += send_survey_requests(survey)
        total += queue_survey_reminders(survey, now=now)
    return total


# --- sending ---------------------------------------------------------------------------

TEMPLATES = {
    SurveyDelivery.Kind.REQUEST: "surveys/emails/request",
    SurveyDelivery.Kind.REMINDER: "surveys/emails/reminder",
    SurveyDelivery.Kind.ESCALATION: "surveys/emails/escalation",
}


def render_survey_delivery(row: SurveyDelivery):
    survey = row.survey
    context = {"survey": survey, "delivery": row}
    if row.kind == SurveyDelivery.Kind.ESCALATION:
        with translation.override(row.language):
            path = reverse("surveys:results", kwargs={"pk": survey.pk})
        context["results_url"] = absolute_url(path)
    else:
        context["link"] = personal_url(row)
    return TEMPLATES[row.kind], context


def send_survey_delivery(delivery_id: int) -> bool:
    from surveys.delivery import deliver

    return deliver(SurveyDelivery, delivery_id, render_survey_delivery, related=("survey",))


def send_survey_deliveries(delivery_ids: list[int]) -> tuple[int, list[int]]:
    """Many at once (a survey's fan-out): see surveys.delivery.deliver_many."""
    from surveys.delivery import deliver_many

    return deliver_many(SurveyDelivery, delivery_ids, render_survey_delivery, related=("survey",))


# --- answering -------------------------------------------------------------------------


@dataclass
class SaveResult:
    response: Response
    submitted: bool


def response_for(survey: Survey, city) -> Response | None:
    return Response.objects.filter(survey=survey, city=city).first()


def missing_required(survey: Survey, values: dict[int, object]) -> list[Question]:
    return [q for q in survey.questions.all() if q.required and values.get(q.pk) in (None, "", [])]


def save_response(
    *, survey: Survey, city, user, values: dict[int, object], submit: bool
) -> SaveResult:
    """Keep a city's answers as a draft, or submit them. `values` maps question ids
    to cleaned values. Raises ValidationError (nothing saved) after the survey closed
    or once it was submitted; on submit with a required answer missing the draft is
    saved first, then RequiredAnswersMissing is raised."""
    with transaction.atomic():
        survey = Survey.objects.get(pk=survey.pk)  # its status as of now, not as of the page
        if not accepts_answers(survey):
            raise ValidationError(_("This survey is closed; answers can no longer be changed."))
        response, _created = Response.objects.get_or_create(
            survey=survey, city=city, defaults={"updated_by": user}
        )
        response = Response.objects.select_for_update().get(pk=response.pk)
        if response.status == Response.Status.SUBMITTED:
            raise ValidationError(_("Your city's answers were already submitted."))
        questions = {q.pk: q for q in survey.questions.all()}
        existing = {a.question_id: a for a in response.answers.all()}
        new = []
        for question_id, value in values.items():
            if question_id not in questions:
                continue
            if question_id in existing:
                answer = existing[question_id]
                if answer.value != value:
                    answer.value = value
                    answer.save(update_fields=["value"])
            else:
                new.append(Answer(response=response, question_id=question_id, value=value))
        Answer.objects.bulk_create(new)
        response.updated_by = user
        response.save(update_fields=["updated_by", "updated_at"])
        if not submit:
            return SaveResult(response, False)
        missing = missing_required(survey, values)
        if not missing:
            return SaveResult(submit_response(response, user=user), True)
    raise RequiredAnswersMissing(response, missing)


class RequiredAnswersMissing(ValidationError):
    """Raised after the draft was saved: the city keeps what it typed."""

    def __init__(self, response, questions):
        self.response = response
        self.questions = questions
        super().__init__(_("Answer every required question before submitting."))


def submit_response(response: Response, *, user) -> Response:
    """Mark the response submitted, by whom, and count it as the city's engagement."""
    now = timezone.now()
    response.status = Response.Status.SUBMITTED
    response.submitted_by = user
    response.submitted_at = now
    response.save(update_fields=["status", "submitted_by", "submitted_at"])
    with translation.override(settings.LANGUAGE_CODE):
        title = str(response.survey.title)
    record_engagement(
        city=response.city,
        kind=EngagementRecord.Kind.SURVEY_ANSWERED,
        occurred_on=timezone.localdate(now),
        source=response,
        title=title[:250],
        recorded_by=user,
    )
    return response


# --- results ------------------------------------------------------------------------------


@dataclass
class Rate:
    label: str
    addressed: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.addressed) if self.addressed else 0


def response_rates(survey: Survey, cities: QuerySet) -> tuple[list[Rate], Rate]:
    """Per hub and in total, among `cities` (already scoped to what the viewer may see)."""
    from hubs.models import Hub

    addressed = audience_cities(survey).filter(pk__in=cities.values("pk"))
    submitted_ids = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).values(
        "city_id"
    )
    per_hub = (
        addressed.values("hub_id").annotate(n=Count("pk")).order_by().values_list("hub_id", "n")
    )
    done = dict(
        addressed.filter(pk__in=submitted_ids)
        .values("hub_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("hub_id", "n")
    )
    hubs = {h.pk: h for h in Hub.objects.all()}

    def hub_label(hub_id) -> str:
        return str(hubs[hub_id].name) if hub_id in hubs else str(_("No regional hub"))

    # The hubs by name, then the members no hub serves (the Management Unit's), last in
    # every language: sorted by its translated label it landed among the hubs in French.
    ordered = sorted(per_hub, key=lambda pair: (pair[0] not in hubs, hub_label(pair[0])))
    rows = [Rate(hub_label(hub_id), n, done.get(hub_id, 0)) for hub_id, n in ordered]
    total = Rate(str(_("Total")), sum(r.addressed for r in rows), sum(r.submitted for r in rows))
    return rows, total
