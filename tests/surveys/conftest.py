import datetime

import pytest
from django.utils import timezone

from surveys.models import Question, Survey


def make_survey(*, status=Survey.Status.DRAFT, audience=Survey.Audience.ALL_MEMBERS, **extra):
    today = timezone.localdate()
    survey = Survey.objects.create(
        title_en="Needs assessment",
        title_fr="Évaluation des besoins",
        title_ar="تقييم الاحتياجات",
        intro_en="Tell us what your city needs.",
        opens_on=extra.pop("opens_on", today - datetime.timedelta(days=1)),
        closes_on=extra.pop("closes_on", today + datetime.timedelta(days=30)),
        status=status,
        audience=audience,
        **extra,
    )
    Question.objects.create(
        survey=survey,
        position=1,
        kind=Question.Kind.SINGLE,
        text_en="Do you have a prevention plan?",
        text_fr="Avez-vous un plan de prévention ?",
        choices_en="Yes\nNo\nIn preparation",
        choices_fr="Oui\nNon\nEn préparation",
        required=True,
    )
    Question.objects.create(
        survey=survey,
        position=2,
        kind=Question.Kind.MULTIPLE,
        text_en="Which topics matter most?",
        choices_en="Youth\nOnline hate\nIncident response",
        required=False,
    )
    Question.objects.create(
        survey=survey, position=3, kind=Question.Kind.LONG, text_en="Anything else?", required=False
    )
    Question.objects.create(
        survey=survey,
        position=4,
        kind=Question.Kind.SCALE,
        text_en="How useful is the network?",
        required=True,
    )
    Question.objects.create(
        survey=survey, position=5, kind=Question.Kind.NUMBER, text_en="Staff count", required=False
    )
    return survey


@pytest.fixture
def survey(db):
    return make_survey()


def questions(survey):
    return list(survey.questions.order_by("position"))
