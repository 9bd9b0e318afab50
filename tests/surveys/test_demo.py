"""The demo surveys: a closed 2025 needs survey with answers, an open 2026 one;
trilingual, idempotent, and they send no email."""

import pytest
from django.core import mail
from django.urls import reverse

from members.models import EngagementRecord
from strongcities.demo import seed_demo_network
from surveys.demo import seed_demo_surveys
from surveys.models import Answer, Question, Response, Survey, SurveyDelivery


def counts():
    return (
        Survey.objects.count(),
        Question.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        SurveyDelivery.objects.count(),
        EngagementRecord.objects.filter(kind="survey_answered").count(),
    )


@pytest.mark.django_db
def test_demo_surveys_are_trilingual_answered_and_idempotent(client):
    seed_demo_network()  # calls seed_demo_surveys once
    first = counts()
    seed_demo_surveys()
    assert counts() == first
    closed = Survey.objects.get(title_en="Members' needs and priorities 2025")
    open_ = Survey.objects.get(title_en="City–youth engagement survey 2026")
    assert (closed.status, open_.status) == ("closed", "open")
    for survey in (closed, open_):
        assert survey.title_ar and survey.title_fr
        for question in survey.questions.all():
            assert question.text_ar and question.text_en and question.text_fr
    submitted = Response.objects.filter(survey=closed, status="submitted")
    assert submitted.count() >= 5
    assert submitted.filter(submitted_by__isnull=False).exists()
    assert (
        EngagementRecord.objects.filter(kind="survey_answered", occurred_on__year=2025).count()
        == submitted.count()
    )
    assert not SurveyDelivery.objects.exclude(status="sent").exists()
    assert mail.outbox == []
    # Cape Town's focal point sees both surveys in English
    from strongcities.models import User

    client.force_login(User.objects.get(email="focal.capetown@demo.strongcities.example"))
    html = client.get(reverse("surveys:my-surveys")).content.decode()
    assert "Members&#x27; needs and priorities 2025" in html
    assert "City–youth engagement survey 2026" in html
