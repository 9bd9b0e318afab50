"""Technical Support Fund: members apply, the Management Unit decides, the hub delivers."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from hubs import support_services as services
from hubs.models import SupportFundNotification, SupportFundRequest
from hubs.tasks import send_pending_support_fund_notifications, send_support_fund_notification
from members.models import StrategicPriority
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def priority(db):
    return StrategicPriority.objects.create(number=3, name_en="City mandates and programmes")


@pytest.fixture
def fund_a(network, priority):
    return SupportFundRequest.objects.create(
        hub=network.hub_a,
        city=network.city_a,
        need="Train municipal mediators",
        priority=priority,
        support_asked="Two training sessions",
        estimated_budget=Decimal("12000"),
        requested_by=network.user("focal_a"),
    )


def form(network, priority, **extra):
    data = {
        "city": network.city_a.pk,
        "need": "Hate incidents data is scattered.",
        "priority": priority.pk,
        "support_asked": "A data-sharing workshop",
        "estimated_budget": "8000",
    }
    data.update(extra)
    return data


def test_focal_point_applies_and_everyone_involved_is_emailed_once(
    network, client_as, priority, django_capture_on_commit_callbacks
):
    network.user("focal_a").preferred_language = "fr"
    network.user("focal_a").save()
    client = client_as(network.user("focal_a"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/helpdesk/support-fund/new/", form(network, priority))
    fund = SupportFundRequest.objects.get()
    assert response.status_code == 302
    assert fund.hub == network.hub_a and fund.status == "submitted"
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(network.user(r).email for r in ("focal_a", "hub_a", "mu"))
    assert recipients == expected  # not city B, not hub B
    french = next(m for m in mail.outbox if m.to == [network.user("focal_a").email])
    assert "Fonds d'appui technique" in french.subject or "/fr/" in french.body
    assert send_pending_support_fund_notifications.delay().get() == 0
    note = SupportFundNotification.objects.first()
    assert send_support_fund_notification.delay(note.pk).get() is False
    assert len(mail.outbox) == 3


def test_focal_point_cannot_apply_for_another_city(network, client_as, priority):
    response = client_as(network.user("focal_a")).post(
        "/en/helpdesk/support-fund/new/", form(network, priority, city=network.city_b.pk)
    )
    assert response.status_code == 200
    assert not SupportFundRequest.objects.exists()


def test_hub_staff_apply_for_a_city_of_their_hub(network, client_as, priority):
    client = client_as(network.user("hub_a"))
    assert client.post("/en/helpdesk/support-fund/new/", form(network, priority)).status_code == 302
    response = client.post(
        "/en/helpdesk/support-fund/new/", form(network, priority, city=network.city_b.pk)
    )
    assert response.status_code == 200
    assert SupportFundRequest.objects.count() == 1


def test_bad_budget_is_explained(network, client_as, priority):
    client = client_as(network.user("focal_a"))
    for bad in ("-5", "0", "lots"):
        response = client.post(
            "/en/helpdesk/support-fund/new/", form(network, priority, estimated_budget=bad)
        )
        assert response.status_code == 200 and 'class="errors"' in response.content.decode()
    assert not SupportFundRequest.objects.exists()


DETAIL = {"anonymous": "login", "focal_b": 404, "hub_b": 404, "committee": 403}


@pytest.mark.parametrize("role", ROLES)
def test_fund_request_page_per_role(network, client_as, fund_a, role):
    response = client_as(network.user(role)).get(f"/en/helpdesk/support-fund/{fund_a.pk}/")
    status = "login" if response.status_code == 302 else response.status_code
    assert status == DETAIL.get(role, 200)


@pytest.mark.parametrize("role", ["focal_a", "hub_a", "hub_b", "focal_b"])
def test_only_the_management_unit_decides(network, client_as, fund_a, role):
    response = client_as(network.user(role)).post(
        f"/en/helpdesk/support-fund/{fund_a.pk}/", {"action": "decide", "status": "approved"}
    )
    assert response.status_code in (403, 404)
    fund_a.refresh_from_db()
    assert fund_a.status == "submitted"


def test_management_unit_approves_then_the_hub_delivers(network, client_as, fund_a):
    url = f"/en/helpdesk/support-fund/{fund_a.pk}/"
    # the hub cannot deliver what is not approved
    client_as(network.user("hub_a")).post(url, {"action": "deliver"})
    fund_a.refresh_from_db()
    assert fund_a.status == "submitted"
    mu = client_as(network.user("mu"))
    mu.post(url, {"action": "decide", "status": "approved", "note": "Fits priority 3."})
    fund_a.refresh_from_db()
    assert fund_a.status == "approved" and fund_a.decided_by == network.user("mu")
    # an impossible decision is refused by the form, not a 500
    assert mu.post(url, {"action": "decide", "status": "submitted"}).status_code in (200, 302)
    client_as(network.user("hub_a")).post(url, {"action": "deliver"})
    fund_a.refresh_from_db()
    assert fund_a.status == "delivered" and fund_a.delivered_at is not None


def test_decline_is_final(network, fund_a):
    services.decide(fund_request=fund_a, user=network.user("mu"), status="declined")
    with pytest.raises(ValidationError):
        services.decide(fund_request=fund_a, user=network.user("mu"), status="approved")


def test_lists_are_scoped(network, client_as, fund_a):
    for role, sees in [("focal_a", True), ("focal_b", False), ("hub_b", False), ("mu", True)]:
        html = client_as(network.user(role)).get("/en/helpdesk/support-fund/").content.decode()
        assert ("Two training sessions" in html) is sees, role


@pytest.mark.parametrize(
    "steps",
    [
        ["under_review", "approved", "delivered"],
        ["approved", "delivered"],
        ["under_review", "declined"],
    ],
)
def test_everyone_involved_is_emailed_at_each_change_in_their_language(
    network, fund_a, django_capture_on_commit_callbacks, steps
):
    from django.utils import translation

    network.user("focal_a").preferred_language = "ar"
    network.user("focal_a").save()
    involved = sorted(network.user(r).email for r in ("focal_a", "hub_a", "mu"))
    for status in steps:
        mail.outbox.clear()
        fund_a.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            if status == "delivered":
                services.mark_delivered(fund_request=fund_a, user=network.user("hub_a"))
            else:
                services.decide(fund_request=fund_a, user=network.user("mu"), status=status)
        assert sorted(m.to[0] for m in mail.outbox) == involved, status  # not city B, hub B
        arabic = next(m for m in mail.outbox if m.to == [network.user("focal_a").email])
        with translation.override("ar"):
            assert str(SupportFundRequest.Status(status).label) in arabic.body
        assert "/ar/helpdesk/support-fund/" in arabic.body
    # each change once: a sweep or a retried task sends nothing more
    mail.outbox.clear()
    assert send_pending_support_fund_notifications.delay().get() == 0
    for note in SupportFundNotification.objects.all():
        assert services.send_notification_email(note.pk) is False
    assert mail.outbox == []
