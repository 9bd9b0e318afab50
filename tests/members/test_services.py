"""The members' rules, called directly: continuity, leadership, principles,
expectations, profile edits and engagement facts."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from members import services
from members.models import (
    ContinuityAlert,
    EngagementRecord,
    FocalPoint,
    FocalPointHandover,
    GuidingPrinciples,
    ProfileRevision,
)
from tests.factories import CityFactory, FocalPointFactory, HubStaffFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def principles(version=1, published_on=datetime.date(2023, 9, 20)):
    return GuidingPrinciples.objects.create(
        version=version, text_en=f"v{version}", published_on=published_on
    )


# --- engagement facts ---------------------------------------------------------


def test_recording_the_same_fact_twice_keeps_one_record(network):
    source = network.city_b  # any model instance can be the source
    for _ in range(2):
        services.record_engagement(
            city=network.city_a, kind="event_attended", occurred_on=TODAY, source=source
        )
    assert EngagementRecord.objects.filter(city=network.city_a).count() == 1


def test_withdrawing_a_fact_removes_only_that_fact(network):
    services.record_engagement(
        city=network.city_a, kind="event_attended", occurred_on=TODAY, source=network.city_b
    )
    services.record_engagement(
        city=network.city_a, kind="survey_answered", occurred_on=TODAY, source=network.city_b
    )
    assert (
        services.withdraw_engagement(
            city=network.city_a, kind="event_attended", source=network.city_b
        )
        == 1
    )
    assert list(EngagementRecord.objects.values_list("kind", flat=True)) == ["survey_answered"]


# --- focal points and continuity -------------------------------------------------------


def test_deactivating_the_last_focal_point_raises_one_alert_and_tells_hub_and_mu(
    network, django_capture_on_commit_callbacks
):
    focal_point = FocalPoint.objects.get(city=network.city_a)
    with django_capture_on_commit_callbacks(execute=True):
        alert = services.deactivate_focal_point(focal_point)
    assert alert.reason == ContinuityAlert.Reason.DEACTIVATED
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([network.users["hub_a"].email, network.users["mu"].email])
    assert network.city_a.name in mail.outbox[0].subject
    # the hub of another region is not told
    assert network.users["hub_b"].email not in recipients
    # a re-run of the notification sends nothing more
    assert services.notify_continuity_alert(alert.pk) == 0
    assert len(mail.outbox) == 2


def test_a_city_with_another_focal_point_raises_no_alert_and_promotes_a_primary(network):
    first = FocalPoint.objects.get(city=network.city_a)
    second = FocalPointFactory(city=network.city_a, is_primary=False)
    assert services.deactivate_focal_point(first) is None
    second.refresh_from_db()
    assert second.is_primary
    assert not ContinuityAlert.objects.exists()


def test_a_bouncing_email_leaves_the_city_unreachable_until_a_new_focal_point(network):
    user = network.users["focal_a"]
    [alert] = services.mark_email_bounced(user)
    assert alert.reason == ContinuityAlert.Reason.BOUNCING
    services.add_focal_point(city=network.city_a, user=UserFactory())
    alert.refresh_from_db()
    assert alert.resolved_at is not None


def test_a_handover_is_recorded_and_the_successor_becomes_primary(network):
    old = network.users["focal_a"]
    new = UserFactory()
    handover = services.hand_over_focal_point(
        city=network.city_a, from_user=old, to_user=new, note="Files are in the shared drive."
    )
    assert FocalPointHandover.objects.get() == handover
    assert not FocalPoint.objects.get(user=old).is_active
    assert FocalPoint.objects.get(user=new, city=network.city_a).is_primary
    assert not ContinuityAlert.objects.exists()


def test_the_daily_sweep_flags_a_member_whose_account_was_closed(network):
    from members.tasks import check_focal_point_continuity

    user = network.users["focal_a"]
    user.is_active = False
    user.save()
    assert check_focal_point_continuity() == 1
    assert ContinuityAlert.objects.get(city=network.city_a).notified_at is not None
    assert check_focal_point_continuity() == 0  # told once


# --- leaders and the Guiding Principles ---------------------------------------------


def test_a_new_version_of_the_principles_asks_the_member_again(network):
    principles(1)
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    assert services.principles_standing(network.city_a).agreed
    principles(2, published_on=TODAY)
    standing = services.principles_standing(network.city_a)
    assert not standing.agreed
    assert "2" in standing.reason
    agreement = services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    assert agreement.principles.version == 2
    assert agreement.agreed_by_name == str(network.users["focal_a"])


def test_a_new_mayor_asks_the_member_to_agree_again(network):
    principles(1)
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    services.change_leader(
        city=network.city_a,
        name="Fictional Mayor",
        title="Mayor",
        term_start=TODAY + datetime.timedelta(days=1),
    )
    assert services.principles_standing(network.city_a).agreed  # not in office yet
    services.change_leader(
        city=network.city_a, name="Another Fictional Mayor", title="Mayor", term_start=TODAY
    )
    # The earlier agreement was made the same day; make it predate the new term.
    network.city_a.principles_agreements.update(
        agreed_at=timezone.now() - datetime.timedelta(days=3)
    )
    standing = services.principles_standing(network.city_a)
    assert not standing.agreed
    assert "mayor" in standing.reason
    assert services.current_leader(network.city_a).name == "Another Fictional Mayor"


# --- agreed expectations -------------------------------------------------------------


def test_changing_agreed_expectations_keeps_history(network):
    mu = network.users["mu"]
    services.set_agreed_expectations(
        city=network.city_a, year=2026, additional=["answer_surveys"], updated_by=mu
    )
    services.set_agreed_expectations(
        city=network.city_a,
        year=2026,
        additional=["answer_surveys", "city_exchanges"],
        notes="Twinning with a peer city",
        updated_by=mu,
    )
    services.set_agreed_expectations(  # no change: no new revision
        city=network.city_a,
        year=2026,
        additional=["city_exchanges", "answer_surveys"],
        notes="Twinning with a peer city",
        updated_by=mu,
    )
    history = list(network.city_a.revisions.filter(subject="expectations").order_by("pk"))
    assert len(history) == 2
    assert history[1].changes["additional"] == {
        "before": ["answer_surveys"],
        "after": ["answer_surveys", "city_exchanges"],
    }


def test_unknown_expectations_are_refused(network):
    with pytest.raises(ValueError):
        services.set_agreed_expectations(city=network.city_a, year=2026, additional=["fly"])


# --- the profile ---------------------------------------------------------------------


def test_a_profile_edit_is_kept_with_who_and_what(network):
    city = network.city_a
    revision = services.update_city_profile(
        city=city,
        data={"summary_en": "A new approach", "population": 1200},
        expected_version=city.version,
        changed_by=network.users["focal_a"],
    )
    assert revision.changes["summary_en"]["after"] == "A new approach"
    assert revision.changed_by == network.users["focal_a"]
    assert revision.changes["population"]["after"] == 1200
    city.refresh_from_db()
    assert city.version == 2 and city.profile_reviewed_at is not None


def test_the_second_of_two_concurrent_edits_is_refused_with_what_changed(network):
    city = network.city_a
    opened_at = city.version
    services.update_city_profile(
        city=city,
        data={"summary_en": "First"},
        expected_version=opened_at,
        changed_by=network.users["focal_a"],
    )
    with pytest.raises(services.StaleProfile) as refused:
        services.update_city_profile(
            city=city,
            data={"summary_en": "Second"},
            expected_version=opened_at,
            changed_by=network.users["mu"],
        )
    assert [r.changes["summary_en"]["after"] for r in refused.value.revisions] == ["First"]
    city.refresh_from_db()
    assert city.summary_en == "First"
    assert ProfileRevision.objects.count() == 1


def test_hub_staff_of_the_region_are_told_but_not_inactive_staff(network):
    HubStaffFactory(hub=network.hub_a, is_active=False)
    focal_point = FocalPoint.objects.get(city=network.city_a)
    alert = services.deactivate_focal_point(focal_point)
    sent = services.notify_continuity_alert(alert.pk)
    assert sent == 2  # the active hub A staff member and the Management Unit


def test_prospective_cities_raise_no_alert():
    city = CityFactory(membership_status="prospective")
    assert services.check_continuity(city) is None
