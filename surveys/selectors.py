"""Reads shaped for the survey pages, scoped to what the viewer may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from members.models import City
from strongcities.listing import translated_order
from strongcities.permissions import engagement_scope, grants_for
from surveys.models import Answer, Question, Response, Survey


def surveys_for_city(city: City) -> QuerySet:
    """Surveys (opened at some point) addressed to this city."""
    return (
        Survey.objects.exclude(status=Survey.Status.DRAFT)
        .filter(
            Q(audience=Survey.Audience.ALL_MEMBERS)
            | Q(audience=Survey.Audience.HUBS, hubs=city.hub_id)
            | Q(audience=Survey.Audience.CITIES, cities=city)
        )
        .distinct()
        .order_by("-opens_on", "-pk")
    )


def my_survey_rows(user) -> list[dict]:
    """For each city the user is a focal point of, its surveys and their response."""
    city_ids = grants_for(user).city_ids
    rows = []
    for city in City.objects.filter(pk__in=city_ids).order_by("name"):
        surveys = list(surveys_for_city(city))
        responses = {
            r.survey_id: r
            for r in Response.objects.filter(city=city, survey__in=[s.pk for s in surveys])
        }
        rows.append(
            {
                "city": city,
                "surveys": [(s, responses.get(s.pk)) for s in surveys],
            }
        )
    return rows


def surveys_visible_to(user) -> QuerySet:
    """Staff: the MU sees every survey, hub staff the ones that have been opened."""
    if grants_for(user).is_central:
        return Survey.objects.all()
    return Survey.objects.exclude(status=Survey.Status.DRAFT)


def responses_visible_to(user, survey: Survey) -> QuerySet:
    return (
        Response.objects.filter(survey=survey, city__in=engagement_scope(user))
        .select_related("city__hub", "submitted_by", "updated_by")
        .order_by(translated_order("city__name"), "pk")
    )


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("position", "pk"))


def answers_by_response(responses) -> dict[int, dict[int, object]]:
    """response id → question id → stored value, in one query."""
    out: dict[int, dict[int, object]] = {}
    for response_id, question_id, value in Answer.objects.filter(
        response__in=responses
    ).values_list("response_id", "question_id", "value"):
        out.setdefault(response_id, {})[question_id] = value
    return out


def readable(question: Question, value) -> str:
    """An answer as text in the active language."""
    if value in (None, "", []):
        return ""
    if question.kind in Question.CHOICE_KINDS:
        choices = question.choice_list
        indexes = value if isinstance(value, list) else [value]
        return "; ".join(
            choices[i] for i in indexes if isinstance(i, int) and 0 <= i < len(choices)
        )
    return str(value)
