"""Reminder rules are data: triggers read members' records, each person is told once
per period, and the schedules are django-celery-beat rows."""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from members.models import EngagementRecord, GuidingPrinciples, PrinciplesAgreement
from members.services import change_leader
from surveys import reminders
from surveys.models import ReminderDelivery, ReminderOptOut, ReminderRule
from surveys.tasks import evaluate_reminder_rule, send_pending_deliveries
from tests.factories import FocalPointFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_rules(db):
    # made by a data migration; a transactional test elsewhere may have flushed them
    reminders.install_default_rules()


Trigger = ReminderRule.Trigger


def rule(trigger):
    return ReminderRule.objects.get(trigger=trigger)


def run(rule_obj, **kwargs):
    queued = reminders.evaluate_rule(rule_obj.pk, **kwargs)
    send_pending_deliveries()
    return queued


def test_the_three_rules_exist_with_schedules_staff_can_edit():
    rules = ReminderRule.objects.all()
    assert {r.trigger for r in rules} == set(Trigger.values)
    for r in rules:
        assert r.subject_ar and r.subject_en and r.subject_fr
        assert "{city}" in r.body_fr and "{link}" in r.body_ar
        assert r.schedule.task == "surveys.tasks.evaluate_reminder_rule"
        assert json.loads(r.schedule.args) == [r.pk]
        assert r.schedule.crontab is not None
    assert PeriodicTask.objects.filter(task="surveys.tasks.send_pending_deliveries").exists()
    assert PeriodicTask.objects.filter(task="surveys.tasks.queue_survey_reminders").exists()


def test_members_without_an_event_this_year_are_reminded_and_their_hub_told(network):
    EngagementRecord.objects.create(
        city=network.city_a, kind="event_attended", occurred_on=timezone.localdate()
    )
    run(rule(Trigger.NO_EVENT_THIS_YEAR))
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([network.users["focal_b"].email, network.users["hub_b"].email])
    to_focal = next(m for m in mail.outbox if m.to == [network.users["focal_b"].email])
    assert str(network.city_b.name) in to_focal.body
    assert "/en/events/" in to_focal.body
    assert "{city}" not in to_focal.body


def test_a_rerun_in_the_same_period_sends_nothing_more(network):
    no_event = rule(Trigger.NO_EVENT_THIS_YEAR)
    run(no_event)
    sent = len(mail.outbox)
    assert sent > 0
    assert run(no_event) == 0
    evaluate_reminder_rule(no_event.pk)
    assert len(mail.outbox) == sent
    # next quarter, the same people are reminded again
    later = timezone.now() + datetime.timedelta(days=95)
    assert run(no_event, now=later) == sent


def test_profiles_not_reviewed_for_a_year_are_asked_in_the_focal_points_language(network):
    french = UserFactory(preferred_language="fr")
    FocalPointFactory(city=network.city_b, user=french, is_primary=False)
    network.city_a.profile_reviewed_at = timezone.now() - datetime.timedelta(days=30)
    network.city_a.save()
    network.city_b.profile_reviewed_at = timezone.now() - datetime.timedelta(days=400)
    network.city_b.save()
    run(rule(Trigger.PROFILE_NOT_REVIEWED))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [network.users["focal_b"].email, french.email]
    )
    to_french = next(m for m in mail.outbox if m.to == [french.email])
    assert to_french.subject == "Merci de vérifier le profil de votre ville"
    assert "/fr/members/" in to_french.body


def test_members_that_have_not_agreed_to_the_current_principles_are_asked(network):
    principles = GuidingPrinciples.objects.create(
        version=3, text_en="x", published_on=datetime.date(2024, 1, 1)
    )
    PrinciplesAgreement.objects.create(
        city=network.city_a,
        principles=principles,
        agreed_by_name="Fictional",
        agreed_at=timezone.now() - datetime.timedelta(days=10),
    )
    run(rule(Trigger.PRINCIPLES_NOT_AGREED))
    assert [m.to for m in mail.outbox] == [[network.users["focal_b"].email]]
    # a new mayor since the agreement: city A must agree again
    change_leader(
        city=network.city_a, name="New Mayor", title="Mayor", term_start=timezone.localdate()
    )
    mail.outbox.clear()
    ReminderDelivery.objects.all().delete()
    run(rule(Trigger.PRINCIPLES_NOT_AGREED))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [network.users["focal_a"].email, network.users["focal_b"].email]
    )


def test_an_inactive_rule_or_a_hub_audience_limits_who_is_told(network):
    no_event = rule(Trigger.NO_EVENT_THIS_YEAR)
    no_event.audience = ReminderRule.Audience.HUBS
    no_event.tell_hub = False
    no_event.save()
    no_event.hubs.set([network.hub_a])
    run(no_event)
    assert [m.to for m in mail.outbox] == [[network.users["focal_a"].email]]
    no_event.is_active = False
    no_event.save()
    assert (
        reminders.evaluate_rule(no_event.pk, now=timezone.now() + datetime.timedelta(days=100)) == 0
    )


def test_a_new_rule_gets_a_schedule(db):
    new = ReminderRule.objects.create(
        name="Test rule", trigger=Trigger.NO_EVENT_THIS_YEAR, subject_en="s", body_en="b"
    )
    reminders.ensure_schedule(new)
    new.refresh_from_db()
    assert new.schedule.task == "surveys.tasks.evaluate_reminder_rule"
    assert json.loads(new.schedule.args) == [new.pk]


def test_placeholders_are_filled_and_unknown_braces_left_alone():
    assert reminders.fill_in("{city} {x} {name}", {"city": "Oslo", "name": "A"}) == "Oslo {x} A"


def test_one_click_unsubscribe_stops_reminders_but_not_survey_requests(network, client):
    run(rule(Trigger.NO_EVENT_THIS_YEAR))
    email = next(m for m in mail.outbox if m.to == [network.users["focal_a"].email])
    link = next(line for line in email.body.splitlines() if "/unsubscribe/" in line)
    url = link.split("http://127.0.0.1:8000", 1)[1].strip()
    page = client.get(url)  # a link scanner's GET changes nothing
    assert page.status_code == 200
    assert not ReminderOptOut.objects.exists()
    assert client.post(url).status_code == 200
    assert ReminderOptOut.objects.filter(user=network.users["focal_a"]).exists()
    assert client.get("/en/surveys/unsubscribe/forged-token/").status_code == 404
    mail.outbox.clear()
    later = timezone.now() + datetime.timedelta(days=95)
    run(rule(Trigger.NO_EVENT_THIS_YEAR), now=later)
    assert network.users["focal_a"].email not in [m.to[0] for m in mail.outbox]
    # survey requests still reach the person; survey reminders do not
    from surveys import services
    from tests.surveys.conftest import make_survey

    survey = make_survey()
    mail.outbox.clear()
    services.open_survey(survey)
    send_pending_deliveries()
    assert network.users["focal_a"].email in [m.to[0] for m in mail.outbox]
    from surveys.models import SurveyDelivery

    SurveyDelivery.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    mail.outbox.clear()
    services.queue_survey_reminders(survey)
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[network.users["focal_b"].email]]
    assert "/unsubscribe/" in mail.outbox[0].body


def test_text_emails_are_not_html_escaped(network):
    no_event = rule(Trigger.NO_EVENT_THIS_YEAR)
    no_event.subject_en = "Don't miss <this> & that"
    no_event.save()
    run(no_event)
    assert mail.outbox[0].subject == "Don't miss <this> & that"
    assert "&#x27;" not in mail.outbox[0].body


def test_a_hub_lead_gets_one_notice_listing_the_cities_reminded(network):
    from tests.factories import CityFactory

    extra = CityFactory(hub=network.hub_b, name_en="Second city", name_fr="Seconde ville")
    FocalPointFactory(city=extra)
    lead = network.users["hub_b"]
    lead.preferred_language = "fr"
    lead.save()
    no_event = rule(Trigger.NO_EVENT_THIS_YEAR)
    run(no_event)
    to_lead = [m for m in mail.outbox if m.to == [lead.email]]
    assert len(to_lead) == 1
    notice = to_lead[0]
    assert "2" in notice.subject
    assert "Seconde ville" in notice.body
    assert f"{network.city_b.name_fr}: http" in notice.body  # in the lead's language
    assert "/fr/dashboard/engagement/" in notice.body
    assert "List-Unsubscribe" not in notice.extra_headers  # a work notice: always goes
    row = ReminderDelivery.objects.get(recipient=lead)
    assert row.city is None and sorted(row.cities) == sorted([network.city_b.pk, extra.pk])
    mail.outbox.clear()
    assert run(no_event) == 0  # once per period, however often the rule runs
    assert mail.outbox == []
