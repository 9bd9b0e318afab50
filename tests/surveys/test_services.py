"""Opening, answering, reminding: the survey services."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from members.models import EngagementRecord
from surveys import services
from surveys.models import Response, Survey, SurveyDelivery
from surveys.tasks import send_pending_deliveries
from tests.factories import CityFactory, FocalPointFactory, HubStaffFactory, UserFactory
from tests.surveys.conftest import make_survey, questions

pytestmark = pytest.mark.django_db


def test_opening_sends_one_request_to_each_focal_point_in_their_language(
    network, survey, django_capture_on_commit_callbacks
):
    french = FocalPointFactory(
        city=network.city_a, is_primary=False, user=UserFactory(preferred_language="fr")
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.open_survey(survey, opened_by=network.users["mu"])
    assert queued == 3  # two focal points of city A, one of city B
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [network.users["focal_a"].email, network.users["focal_b"].email, french.email]
    )
    to_french = next(m for m in mail.outbox if m.to == [french.email])
    assert "Évaluation des besoins" in to_french.subject
    assert "/fr/surveys/link/" in to_french.body
    assert SurveyDelivery.objects.filter(status="sent").count() == 3


def test_a_second_sweep_or_task_run_sends_nothing_more(network, survey):
    services.open_survey(survey)  # no commit in this test: the sweep does the sending
    assert send_pending_deliveries() == 2
    sent = len(mail.outbox)
    assert sent == 2
    assert send_pending_deliveries() == 0
    for delivery in SurveyDelivery.objects.all():
        assert services.send_survey_delivery(delivery.pk) is False
    assert len(mail.outbox) == sent


def test_the_database_refuses_a_second_identical_message(network, survey):
    services.open_survey(survey)
    existing = SurveyDelivery.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyDelivery.objects.create(
            survey=survey,
            city=existing.city,
            recipient=existing.recipient,
            kind=existing.kind,
            number=existing.number,
        )


def test_only_the_audience_is_asked(network):
    hub_survey = make_survey(audience=Survey.Audience.HUBS)
    hub_survey.hubs.set([network.hub_b])
    services.open_survey(hub_survey)
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[network.users["focal_b"].email]]
    city_survey = make_survey(audience=Survey.Audience.CITIES)
    city_survey.cities.set([network.city_a])
    mail.outbox.clear()
    services.open_survey(city_survey)
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[network.users["focal_a"].email]]


def test_a_survey_opens_once_and_not_after_its_closing_date(network, survey):
    services.open_survey(survey)
    with pytest.raises(ValidationError):
        services.open_survey(survey)
    late = make_survey(
        opens_on=timezone.localdate() - datetime.timedelta(days=20),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.open_survey(late)


def test_a_survey_closing_before_it_opens_is_refused(db):
    survey = Survey(
        title_en="x", opens_on=datetime.date(2026, 5, 1), closes_on=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        survey.full_clean()
    assert "closes_on" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        survey.save()


def _values(survey, override=None):
    q = questions(survey)
    values = {q[0].pk: 0, q[1].pk: [0, 2], q[2].pk: "Text", q[3].pk: 4, q[4].pk: 12}
    values.update({q[i].pk: v for i, v in (override or {}).items()})
    return values


def test_submitting_records_who_and_an_engagement_fact(network, survey):
    services.open_survey(survey)
    focal = network.users["focal_a"]
    result = services.save_response(
        survey=survey, city=network.city_a, user=focal, values=_values(survey), submit=True
    )
    assert result.submitted
    response = Response.objects.get(survey=survey, city=network.city_a)
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == focal
    record = EngagementRecord.objects.get(city=network.city_a, kind="survey_answered")
    assert record.title == "Needs assessment"
    with pytest.raises(ValidationError):
        services.save_response(
            survey=survey, city=network.city_a, user=focal, values=_values(survey), submit=True
        )
    assert EngagementRecord.objects.filter(kind="survey_answered").count() == 1


def test_a_missing_required_answer_keeps_the_draft(network, survey):
    services.open_survey(survey)
    values = _values(survey, {0: ""})
    with pytest.raises(services.RequiredAnswersMissing) as error:
        services.save_response(
            survey=survey,
            city=network.city_a,
            user=network.users["focal_a"],
            values=values,
            submit=True,
        )
    assert [q.position for q in error.value.questions] == [1]
    response = Response.objects.get(survey=survey, city=network.city_a)
    assert response.status == Response.Status.DRAFT
    assert response.answers.get(question__position=3).value == "Text"
    assert not EngagementRecord.objects.filter(kind="survey_answered").exists()


def test_no_answer_after_the_survey_closes(network, survey):
    services.open_survey(survey)
    services.close_survey(survey)
    with pytest.raises(ValidationError):
        services.save_response(
            survey=survey,
            city=network.city_a,
            user=network.users["focal_a"],
            values=_values(survey),
            submit=False,
        )


def _later(days):
    return timezone.now() + datetime.timedelta(days=days)


def test_reminders_go_only_to_cities_that_have_not_submitted(network):
    survey = make_survey(reminder_max_count=2, reminder_min_days=7)
    services.open_survey(survey)
    send_pending_deliveries()
    services.save_response(
        survey=survey,
        city=network.city_a,
        user=network.users["focal_a"],
        values=_values(survey),
        submit=True,
    )
    mail.outbox.clear()
    assert services.queue_survey_reminders(survey) == 0  # too soon after the request
    SurveyDelivery.objects.update(created_at=_later(-8))
    assert services.queue_survey_reminders(survey) == 1
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[network.users["focal_b"].email]]
    assert "Reminder" in mail.outbox[0].subject
    # the same day again: nothing new
    assert services.queue_survey_reminders(survey) == 0


def test_after_the_last_reminder_the_hub_lead_is_told_once(network):
    survey = make_survey(reminder_max_count=1, reminder_min_days=2)
    services.open_survey(survey)
    send_pending_deliveries()
    lead_b = network.users["hub_b"]  # the fixture's hub staff are leads
    HubStaffFactory(hub=network.hub_b, role="expert")
    mail.outbox.clear()
    # the queue looks at when rows were created: make them old enough
    SurveyDelivery.objects.update(created_at=_later(-3))
    services.queue_survey_reminders(survey)
    send_pending_deliveries()
    assert SurveyDelivery.objects.filter(kind="reminder", number=1).count() == 2
    assert services.queue_survey_reminders(survey) == 0  # too soon after the reminder
    SurveyDelivery.objects.update(created_at=_later(-3))
    mail.outbox.clear()
    services.queue_survey_reminders(survey)
    send_pending_deliveries()
    escalations = SurveyDelivery.objects.filter(kind="escalation")
    assert {(e.city_id, e.recipient_id) for e in escalations} == {
        (network.city_a.pk, network.users["hub_a"].pk),
        (network.city_b.pk, lead_b.pk),
    }
    assert SurveyDelivery.objects.filter(kind="reminder", number=2).count() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [network.users["hub_a"].email, lead_b.email]
    )
    assert "has not answered" in mail.outbox[0].subject
    SurveyDelivery.objects.update(created_at=_later(-30))
    assert services.queue_survey_reminders(survey) == 0


def test_the_daily_task_closes_ended_surveys(network):
    survey = make_survey(status=Survey.Status.OPEN)
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=9),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    services.queue_all_survey_reminders()
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED


def test_response_rates_by_hub_and_in_total(network, survey):
    extra = CityFactory(hub=network.hub_a)
    FocalPointFactory(city=extra)
    services.open_survey(survey)
    services.save_response(
        survey=survey,
        city=network.city_a,
        user=network.users["focal_a"],
        values=_values(survey),
        submit=True,
    )
    from members.models import City

    rates, total = services.response_rates(survey, City.objects.all())
    by_label = {r.label: (r.addressed, r.submitted, r.percent) for r in rates}
    assert by_label[str(network.hub_a.name)] == (2, 1, 50)
    assert by_label[str(network.hub_b.name)] == (1, 0, 0)
    assert (total.addressed, total.submitted, total.percent) == (3, 1, 33)


def test_members_no_hub_serves_come_last_in_every_language(network, survey):
    from members.models import City

    FocalPointFactory(city=CityFactory(hub=None, country="DK", slug="aarhus"))
    services.open_survey(survey)
    for language, label in (("en", "No regional hub"), ("fr", "Aucun pôle régional")):
        with translation.override(language):
            rates, _total = services.response_rates(survey, City.objects.all())
        assert rates[-1].label == label
        assert [r.label for r in rates[:-1]] == sorted(r.label for r in rates[:-1])


def test_personal_links_cannot_be_forged(network, survey):
    services.open_survey(survey)
    delivery = SurveyDelivery.objects.first()
    token = services.personal_token(delivery)
    assert services.read_personal_token(token) == {
        "s": survey.pk,
        "c": delivery.city_id,
        "u": delivery.recipient_id,
    }
    assert services.read_personal_token(token[:-2] + "xx") is None


def test_a_survey_opened_early_sends_its_requests_on_its_opening_date(network):
    survey = make_survey(
        opens_on=timezone.localdate() + datetime.timedelta(days=3),
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert services.open_survey(survey) == 0
    services.queue_all_survey_reminders()
    assert not SurveyDelivery.objects.exists()
    Survey.objects.filter(pk=survey.pk).update(opens_on=timezone.localdate())
    services.queue_all_survey_reminders()
    send_pending_deliveries()
    assert SurveyDelivery.objects.filter(kind="request", status="sent").count() == 2


def test_a_focal_point_named_while_the_survey_is_open_gets_the_request_once(network, survey):
    services.open_survey(survey)
    send_pending_deliveries()
    newcomer = FocalPointFactory(city=network.city_b, is_primary=False).user
    mail.outbox.clear()
    services.queue_all_survey_reminders()
    services.queue_all_survey_reminders()
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[newcomer.email]]


def test_choices_must_match_in_every_language(survey):
    question = survey.questions.get(position=1)
    question.full_clean()
    question.choices_ar = "نعم\nلا"
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "choices_ar" in error.value.message_dict


def test_every_email_has_text_and_html_in_the_recipients_language(network, survey):
    arabic = FocalPointFactory(
        city=network.city_b, is_primary=False, user=UserFactory(preferred_language="ar")
    ).user
    services.open_survey(survey)
    send_pending_deliveries()
    (message,) = [m for m in mail.outbox if m.to == [arabic.email]]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="ar" dir="rtl"' in html
    assert "تقييم الاحتياجات" in message.subject and "تقييم الاحتياجات" in html
    assert "/ar/surveys/link/" in message.body and "/ar/surveys/link/" in html


def test_responses_are_in_the_alphabetical_order_of_the_pages_language(network, survey):
    from surveys.models import Response
    from surveys.selectors import responses_visible_to

    # A before T in English, but ت (Tunis) before ع (Amman) in Arabic.
    for name_en, name_ar, slug in (("Tunis", "تونس", "tunis"), ("Amman", "عمّان", "amman")):
        city = CityFactory(name_en=name_en, name_ar=name_ar, slug=slug)
        Response.objects.create(survey=survey, city=city)
    orders = {}
    for language in ("en", "ar"):
        with translation.override(language):
            responses = responses_visible_to(network.user("mu"), survey).select_related("city")
            orders[language] = [r.city.slug for r in responses if r.city.slug in ("tunis", "amman")]
    assert orders == {"en": ["amman", "tunis"], "ar": ["tunis", "amman"]}
