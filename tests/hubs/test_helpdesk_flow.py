"""Opening, answering and closing a helpdesk request, and the emails it sends."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hubs import helpdesk_services as services
from hubs.models import HelpdeskNotification, Ticket, TicketMessage
from hubs.models.helpdesk import REFERENCE_ALPHABET, new_reference
from hubs.tasks import send_helpdesk_notification, send_pending_helpdesk_notifications
from members.models import EngagementRecord
from tests.factories import CityFactory, FocalPointFactory, HubStaffFactory
from tests.hubs.factories import CannedReplyFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fake but well-formed enough\n"


def open_form(**extra):
    data = {
        "city": "",
        "category": "policy_advice",
        "priority": "high",
        "subject": "Prevention framework",
        "description": "How do other cities set up a multi-actor prevention framework?",
        "language": "fr",
    }
    data.update(extra)
    return data


# --- opening ------------------------------------------------------------------------


def test_a_focal_point_of_one_city_is_not_asked_which_city(network, client_as):
    """The city is fixed (a hidden input): no label over an empty space."""
    html = client_as(network.user("focal_a")).get("/en/helpdesk/new/").content.decode()
    assert f'<input type="hidden" name="city" value="{network.city_a.pk}"' in html
    assert 'for="id_city"' not in html
    assert '<label for="id_category">' in html


def test_focal_point_opens_a_request_that_goes_to_the_city_hub(
    network, client_as, media_root, django_capture_on_commit_callbacks
):
    network.user("hub_a").preferred_language = "fr"
    network.user("hub_a").save()
    client = client_as(network.user("focal_a"))
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/helpdesk/new/",
            {**open_form(city=network.city_a.pk), "attachments": [upload]},
        )
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == ticket.get_absolute_url()
    assert ticket.hub == network.hub_a and ticket.city == network.city_a
    assert ticket.status == Ticket.Status.NEW and ticket.language == "fr"
    assert ticket.attachments.get().original_name == "plan.pdf"
    # asking is not yet engagement: a resolved request is (tests/hubs/test_helpdesk_emails.py)
    assert not EngagementRecord.objects.filter(city=network.city_a).exists()
    # hub A's staff are told, in their own language; hub B's are not
    assert [m.to for m in mail.outbox] == [[network.user("hub_a").email]]
    assert ticket.reference in mail.outbox[0].subject
    assert f"/fr/helpdesk/{ticket.reference}/" in mail.outbox[0].body


def test_references_are_unguessable():
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000
    body = next(iter(references)).replace("HD-", "").replace("-", "")
    assert len(body) == 12 and set(body) <= set(REFERENCE_ALPHABET)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "is not a file of an accepted type"),
        ("fake.pdf", b"MZ\x90\x00not a pdf", "is not what its name says (.pdf)"),
        ("big.txt", b"a" * (10 * 1024 * 1024 + 1), "is larger than 10.0\xa0MB"),
        ("binary.txt", b"\xff\xfe\x00\x81\x82" * 10, "is not what its name says (.txt)"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG image"),
    ],
)
def test_bad_attachments_get_a_translated_error_not_a_500(
    network, client_as, media_root, name, content, message
):
    client = client_as(network.user("focal_a"))
    upload = SimpleUploadedFile(name, content)
    response = client.post("/en/helpdesk/new/", {**open_form(), "attachments": [upload]})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Ticket.objects.exists()


def test_more_than_five_attachments_are_refused(network, client_as, media_root):
    files = [SimpleUploadedFile(f"f{i}.txt", b"hello") for i in range(6)]
    response = client_as(network.user("focal_a")).post(
        "/en/helpdesk/new/", {**open_form(), "attachments": files}
    )
    assert "Attach at most 5 files." in response.content.decode()


def test_bad_attachment_error_is_translated(network, client_as, media_root):
    response = client_as(network.user("focal_a")).post(
        "/fr/helpdesk/new/",
        {**open_form(), "attachments": [SimpleUploadedFile("x.exe", b"MZ")]},
    )
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()


def test_focal_point_cannot_open_a_request_for_another_city(network, client_as):
    response = client_as(network.user("focal_a")).post(
        "/en/helpdesk/new/", open_form(city=network.city_b.pk)
    )
    assert response.status_code == 200  # the form refuses the choice
    assert not Ticket.objects.exists()


def test_city_without_hub_gets_an_explanation(client_as, db):
    city = CityFactory(hub=None)
    focal = FocalPointFactory(city=city).user
    response = client_as(focal).post("/en/helpdesk/new/", open_form(city=city.pk))
    assert response.status_code == 200
    assert "not yet covered by a regional hub" in response.content.decode()
    assert not Ticket.objects.exists()


# --- public replies and internal notes ------------------------------------------------


def test_internal_notes_are_never_shown_or_emailed_to_the_city(
    network, client_as, ticket_a, django_capture_on_commit_callbacks
):
    focal = network.user("focal_a")
    FocalPointFactory(city=network.city_a, is_primary=False)  # a colleague, also never told
    staff = client_as(network.user("hub_a"))
    url = ticket_a.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            url,
            {
                "action": "staff_reply",
                "body": "SECRET-NOTE: hard to reach",
                "visibility": "internal",
            },
        )
        staff.post(
            url,
            {"action": "staff_reply", "body": "PUBLIC-ANSWER: a toolkit", "visibility": "public"},
        )
    assert ticket_a.messages.filter(visibility="internal").count() == 1
    # the city's page shows the answer, never the note
    html = client_as(focal).get(ticket_a.get_absolute_url()).content.decode()
    assert "PUBLIC-ANSWER" in html
    assert "SECRET-NOTE" not in html and "Internal note" not in html
    # nor the list, in any language
    for lang in ("ar", "en", "fr"):
        page = client_as(focal).get(f"/{lang}/helpdesk/?status=all").content.decode()
        assert "SECRET-NOTE" not in page
    # no email about the note, to anyone; the answer went to both focal points
    bodies = [m.body + m.subject + m.alternatives[0][0] for m in mail.outbox]
    assert all("SECRET-NOTE" not in body for body in bodies)
    assert sum("PUBLIC-ANSWER" in body for body in bodies) == 2
    assert not HelpdeskNotification.objects.filter(message__visibility="internal").exists()
    # hub staff and the MU see both
    for role in ("hub_a", "mu"):
        page = client_as(network.user(role)).get(ticket_a.get_absolute_url()).content.decode()
        assert "SECRET-NOTE" in page and "PUBLIC-ANSWER" in page


def test_a_notification_row_for_an_internal_note_still_sends_nothing(network, ticket_a):
    note = TicketMessage.objects.create(
        ticket=ticket_a, author=network.user("hub_a"), body="SECRET", visibility="internal"
    )
    forged = HelpdeskNotification.objects.create(
        key="forged",
        event="staff_reply",
        ticket=ticket_a,
        message=note,
        recipient=network.user("focal_a"),
    )
    assert services.send_notification_email(forged.pk) is False
    assert mail.outbox == []


def test_the_city_is_emailed_in_its_language(
    network, client_as, ticket_a, django_capture_on_commit_callbacks
):
    focal = network.user("focal_a")
    focal.preferred_language = "ar"
    focal.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_as(network.user("hub_a")).post(
            ticket_a.get_absolute_url(),
            {"action": "staff_reply", "body": "Answer", "visibility": "public"},
        )
    (message,) = mail.outbox
    assert message.to == [focal.email]
    assert 'dir="rtl"' in message.alternatives[0][0]
    assert "/ar/helpdesk/" in message.body


def test_a_retried_email_task_sends_once(network, ticket_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.reply_as_staff(
            ticket=ticket_a, user=network.user("hub_a"), body="Answer", internal=False
        )
    assert len(mail.outbox) == 1
    notification = HelpdeskNotification.objects.get(message=message)
    assert notification.sent_at is not None
    assert send_helpdesk_notification.delay(notification.pk).get() is False
    assert send_pending_helpdesk_notifications.delay().get() == 0
    assert len(mail.outbox) == 1


def test_the_sweep_sends_what_a_broker_outage_left_behind(network, ticket_a):
    HelpdeskNotification.objects.create(
        key="left-behind", event="new_ticket", ticket=ticket_a, recipient=network.user("hub_a")
    )
    assert send_pending_helpdesk_notifications.delay().get() == 1
    assert len(mail.outbox) == 1
    assert send_pending_helpdesk_notifications.delay().get() == 0


def test_first_public_reply_sets_the_first_response_time(network, ticket_a):
    services.reply_as_staff(ticket=ticket_a, user=network.user("hub_a"), body="n", internal=True)
    ticket_a.refresh_from_db()
    assert ticket_a.first_response_at is None
    services.reply_as_staff(ticket=ticket_a, user=network.user("hub_a"), body="a", internal=False)
    ticket_a.refresh_from_db()
    assert ticket_a.first_response_at is not None


def test_city_reply_goes_to_the_assignee_and_moves_a_waiting_request_on(
    network, client_as, ticket_a, django_capture_on_commit_callbacks
):
    other_staff = HubStaffFactory(hub=network.hub_a).user
    services.assign(ticket=ticket_a, user=network.user("hub_a"), assignee=other_staff)
    services.change_status(ticket=ticket_a, user=other_staff, status=Ticket.Status.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        client_as(network.user("focal_a")).post(
            ticket_a.get_absolute_url(), {"action": "city_reply", "body": "Here are the details."}
        )
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.Status.IN_PROGRESS
    assert [m.to for m in mail.outbox] == [[other_staff.email]]


def test_canned_reply_is_offered_in_the_request_language(network, client_as, ticket_a):
    ticket_a.language = "fr"
    ticket_a.save()
    canned = CannedReplyFactory(hub=network.hub_a)
    other_hub = CannedReplyFactory(hub=network.hub_b, body_fr="AUTRE POLE")
    client = client_as(network.user("hub_a"))
    html = client.get(f"{ticket_a.get_absolute_url()}?canned={canned.pk}").content.decode()
    assert "Merci pour votre demande." in html
    html = client.get(f"{ticket_a.get_absolute_url()}?canned={other_hub.pk}").content.decode()
    assert "AUTRE POLE" not in html
    assert client.get(f"{ticket_a.get_absolute_url()}?canned=abc").status_code == 200


# --- workflow -----------------------------------------------------------------------


def test_assignment_only_to_staff_of_the_request_hub(network, client_as, ticket_a):
    client = client_as(network.user("hub_a"))
    response = client.post(
        ticket_a.get_absolute_url(), {"action": "assign", "assignee": network.user("hub_b").pk}
    )
    assert response.status_code == 200  # the choice is refused by the form
    ticket_a.refresh_from_db()
    assert ticket_a.assignee is None
    client.post(
        ticket_a.get_absolute_url(), {"action": "assign", "assignee": network.user("hub_a").pk}
    )
    ticket_a.refresh_from_db()
    assert ticket_a.assignee == network.user("hub_a")
    assert ticket_a.status == Ticket.Status.TRIAGED


def test_an_impossible_status_change_is_explained(network, client_as, ticket_a):
    client = client_as(network.user("hub_a"))
    client.post(ticket_a.get_absolute_url(), {"action": "status", "status": "closed"})
    response = client.post(
        ticket_a.get_absolute_url(), {"action": "status", "status": "triaged"}, follow=True
    )
    assert response.status_code == 200
    assert "cannot become" in response.content.decode()
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.Status.CLOSED


def test_city_reopens_within_the_window_but_not_after(network, client_as, ticket_a, settings):
    settings.HELPDESK_REOPEN_DAYS = 14
    services.change_status(ticket=ticket_a, user=network.user("hub_a"), status="resolved")
    client = client_as(network.user("focal_a"))
    # a closed request takes no reply
    response = client.post(
        ticket_a.get_absolute_url(), {"action": "city_reply", "body": "x"}, follow=True
    )
    assert "Reopen it to reply" in response.content.decode()
    assert not ticket_a.messages.exists()
    client.post(ticket_a.get_absolute_url(), {"action": "reopen"})
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.Status.IN_PROGRESS
    services.change_status(ticket=ticket_a, user=network.user("hub_a"), status="resolved")
    Ticket.objects.filter(pk=ticket_a.pk).update(
        resolved_at=timezone.now() - datetime.timedelta(days=15)
    )
    client.post(ticket_a.get_absolute_url(), {"action": "reopen"})
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.Status.RESOLVED
    assert services.close_resolved_tickets() == 1
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.Status.CLOSED


def test_satisfaction_rating_once_resolved(network, client_as, ticket_a):
    client = client_as(network.user("focal_a"))
    client.post(ticket_a.get_absolute_url(), {"action": "rate", "score": 5})
    ticket_a.refresh_from_db()
    assert ticket_a.satisfaction is None  # not before it is resolved
    services.change_status(ticket=ticket_a, user=network.user("hub_a"), status="resolved")
    response = client.post(ticket_a.get_absolute_url(), {"action": "rate", "score": 9})
    assert response.status_code == 200  # out of range: the form says so
    client.post(ticket_a.get_absolute_url(), {"action": "rate", "score": 4, "comment": "Useful"})
    ticket_a.refresh_from_db()
    assert ticket_a.satisfaction == 4 and ticket_a.satisfaction_comment == "Useful"


# --- promoting an answer to the resource hub ---------------------------------------


def test_a_good_answer_becomes_a_draft_resource_without_personal_details(
    network, client_as, ticket_a
):
    from resources.models import Resource

    ticket_a.language = "fr"
    ticket_a.description = (
        "Bonjour, je suis Fictional Person, joignable au +254 700 123 456 ou a@b.org. "
        "Comment associer les jeunes ?"
    )
    ticket_a.save()
    staff = network.user("hub_a")
    note = services.reply_as_staff(ticket=ticket_a, user=staff, body="SECRET-NOTE", internal=True)
    answer = services.reply_as_staff(
        ticket=ticket_a,
        user=staff,
        body=f"Créez un conseil des jeunes. {staff.display_name}",
        internal=False,
    )
    client = client_as(staff)
    # an internal note is never promoted
    client.post(ticket_a.get_absolute_url(), {"action": "promote", "message": note.pk})
    assert not Resource.objects.exists()
    # the city cannot promote
    response = client_as(network.user("focal_a")).post(
        ticket_a.get_absolute_url(), {"action": "promote", "message": answer.pk}
    )
    assert response.status_code == 403
    client = client_as(staff)
    response = client.post(
        ticket_a.get_absolute_url(), {"action": "promote", "message": answer.pk}, follow=True
    )
    assert "waiting in the review queue" in response.content.decode()
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.IN_REVIEW
    assert resource.title_fr == ticket_a.subject
    assert "Comment associer les jeunes" in resource.body_fr
    assert "Créez un conseil des jeunes" in resource.body_fr
    for secret in (
        "700 123 456",
        "a@b.org",
        staff.display_name,
        network.user("focal_a").display_name,
    ):
        assert secret not in resource.body_fr
    ticket_a.refresh_from_db()
    assert "SECRET-NOTE" not in resource.body_fr
    assert ticket_a.promoted_resource == resource
    # once only
    client.post(ticket_a.get_absolute_url(), {"action": "promote", "message": answer.pk})
    assert Resource.objects.count() == 1


# --- linking resources to an answer ----------------------------------------------------


def test_staff_link_resources_by_their_addresses(network, client_as, ticket_a):
    from tests.resources.conftest import make_resource

    toolkit = make_resource(slug="youth-toolkit", title_en="Youth toolkit")
    policy = make_resource(slug="city-policy", title_en="City policy")
    make_resource(slug="draft-note", title_en="Draft", status="draft")
    staff = client_as(network.user("hub_a"))
    url = ticket_a.get_absolute_url()
    page = staff.get(url).content.decode()
    assert 'name="resources"' in page and "<select" not in page.split('name="resources"')[0][-200:]
    # a draft (or a slug nobody published) is refused, and nothing is lost
    typed = "https://portal.example/en/resources/youth-toolkit/\ndraft-note"
    response = staff.post(
        url,
        {"action": "staff_reply", "body": "See these", "visibility": "public", "resources": typed},
    )
    assert response.status_code == 200
    form = response.context["forms"]["staff_reply"]
    assert "draft-note" in form.errors["resources"][0]
    assert form["resources"].value() == typed
    assert not ticket_a.messages.filter(body="See these").exists()
    staff.post(
        url,
        {
            "action": "staff_reply",
            "body": "See these",
            "visibility": "public",
            "resources": "https://portal.example/ar/resources/youth-toolkit/?x=1\ncity-policy\n",
        },
    )
    message = ticket_a.messages.get(body="See these")
    assert set(message.resources.all()) == {toolkit, policy}
