"""Private files (ticket attachments, committee papers, unpublished resources' files) are
only reachable through views that ask strongcities.permissions; nothing under /media/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hubs import helpdesk_services
from hubs.models import Ticket, TicketAttachment
from members.importing import keep_upload
from resources.models import Resource, ResourceAttachment
from steering.models import MeetingPaper
from strongcities.uploads import move_to_private_storage
from tests import upload_samples as samples
from tests.upload_samples import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes("Youth engagement plan")


@pytest.fixture
def ticket_with_files(network, client_as):
    """City A's focal point opens a request with a PDF and a photo through the page."""
    client = client_as(network.user("focal_a"))
    files = [
        SimpleUploadedFile("../../Plan d\u2019action\u202e.pdf", PDF, "text/html"),
        SimpleUploadedFile("photo.png", samples.image_bytes("PNG"), "image/png"),
    ]
    response = client.post(
        "/en/helpdesk/new/",
        {
            "city": network.city_a.pk,
            "category": "policy_advice",
            "priority": "normal",
            "subject": "Youth engagement",
            "description": "Advice on our plan, please.",
            "language": "en",
            "attachments": files,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Ticket.objects.get(city=network.city_a)


def attachment_url(attachment):
    return f"/en/helpdesk/{attachment.ticket.reference}/attachments/{attachment.pk}/"


def test_a_ticket_attachment_is_stored_outside_media_under_a_random_name(ticket_with_files):
    pdf = ticket_with_files.attachments.get(original_name__endswith=".pdf")
    path = Path(pdf.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "Plan" not in pdf.file.name and pdf.file.name.endswith(".pdf")
    # the shown name: no folder part, no right-to-left override
    assert pdf.original_name == "Plan d\u2019action.pdf"
    assert pdf.content_type == "application/pdf"  # from the content, not the browser
    assert pdf.file.url == attachment_url(pdf)


@pytest.mark.parametrize(
    "role,status",
    [
        ("focal_a", 200),
        ("hub_a", 200),
        ("mu", 200),
        ("admin", 200),
        ("focal_b", 404),  # a focal point of another city: the file does not exist for them
        ("hub_b", 404),
        ("committee", 403),
    ],
)
def test_a_ticket_attachment_per_role(network, client_as, ticket_with_files, role, status):
    pdf = ticket_with_files.attachments.get(original_name__endswith=".pdf")
    response = client_as(network.user(role)).get(attachment_url(pdf))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "\u202e" not in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]


def test_anonymous_visitors_are_sent_to_sign_in(client_as, ticket_with_files):
    pdf = ticket_with_files.attachments.first()
    response = client_as(None).get(attachment_url(pdf))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_image_is_shown_inline_but_sandboxed(network, client_as, ticket_with_files):
    photo = ticket_with_files.attachments.get(original_name="photo.png")
    response = client_as(network.user("focal_a")).get(attachment_url(photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_attachment_is_only_found_under_its_own_request(network, client_as, ticket_with_files):
    from tests.hubs.factories import TicketFactory

    other = TicketFactory(city=network.city_a, opened_by=network.user("focal_a"))
    pdf = ticket_with_files.attachments.first()
    url = f"/en/helpdesk/{other.reference}/attachments/{pdf.pk}/"
    assert client_as(network.user("focal_a")).get(url).status_code == 404


def test_a_file_on_an_internal_note_is_for_the_hub_only(network, client_as, ticket_with_files):
    note_file = SimpleUploadedFile("assessment.pdf", PDF)
    helpdesk_services.reply_as_staff(
        ticket=ticket_with_files,
        user=network.user("hub_a"),
        body="Internal assessment",
        internal=True,
        files=[note_file],
    )
    internal = TicketAttachment.objects.get(original_name="assessment.pdf")
    assert internal.content_type == "application/pdf"  # checked by the service itself
    assert client_as(network.user("focal_a")).get(attachment_url(internal)).status_code == 404
    assert client_as(network.user("hub_a")).get(attachment_url(internal)).status_code == 200


def test_the_service_refuses_an_unchecked_bad_file(network, ticket_with_files):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        helpdesk_services.reply_as_staff(
            ticket=ticket_with_files,
            user=network.user("hub_a"),
            body="x",
            internal=False,
            files=[SimpleUploadedFile("x.svg", samples.svg_bytes())],
        )


def test_a_bad_attachment_keeps_what_was_typed(network, client_as):
    response = client_as(network.user("focal_a")).post(
        "/en/helpdesk/new/",
        {
            "city": network.city_a.pk,
            "category": "policy_advice",
            "priority": "normal",
            "subject": "Keep this subject",
            "description": "And this description.",
            "language": "en",
            "attachments": [SimpleUploadedFile("diagram.svg", samples.svg_bytes())],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Keep this subject" in html and "And this description." in html
    assert "SVG image" in html
    assert not Ticket.objects.exists()


def test_no_private_file_is_served_under_media(client_as, network, ticket_with_files):
    pdf = ticket_with_files.attachments.first()
    assert client_as(network.user("focal_a")).get(f"/media/{pdf.file.name}").status_code == 404
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


# --- resources -----------------------------------------------------------------------


def resource_with_file(status):
    resource = Resource.objects.create(
        slug=f"guide-{status}",
        kind=Resource.Kind.TOOLKIT,
        title_en="Guide",
        status=status,
        published_at=timezone.now() if status == Resource.Status.PUBLISHED else None,
    )
    attachment = ResourceAttachment.objects.create(
        resource=resource,
        language="en",
        title="Guide (English)",
        file=ContentFile(PDF, name="guide.pdf"),
    )
    return resource, attachment


@pytest.mark.parametrize("role", ["anonymous", "focal_a", "hub_b", "mu"])
def test_a_published_resource_file_is_public_and_downloaded(network, client_as, role):
    _, attachment = resource_with_file(Resource.Status.PUBLISHED)
    response = client_as(network.user(role)).get(attachment.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="Guide (English).pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("status", [Resource.Status.DRAFT, Resource.Status.IN_REVIEW])
@pytest.mark.parametrize(
    "role,code",
    [("anonymous", 404), ("focal_a", 404), ("hub_a", 404), ("committee", 404), ("mu", 200)],
)
def test_an_unpublished_resource_file_is_for_the_management_unit_only(
    network, client_as, status, role, code
):
    _, attachment = resource_with_file(status)
    url = f"/en/resources/{attachment.resource.slug}/files/{attachment.pk}/"
    assert client_as(network.user(role)).get(url).status_code == code
    assert (
        Path(attachment.file.path)
        .resolve()
        .is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    )


def test_the_resource_page_links_to_the_checked_view(client, network):
    resource, attachment = resource_with_file(Resource.Status.PUBLISHED)
    html = client.get(f"/en/resources/{resource.slug}/").content.decode()
    assert f"/en/resources/{resource.slug}/files/{attachment.pk}/" in html
    assert "/media/" not in html


def test_a_submitted_file_is_checked_and_kept_private(network, client_as):
    response = client_as(network.user("focal_a")).post(
        "/en/resources/submit/",
        {
            "city": network.city_a.pk,
            "language": "en",
            "kind": "policy",
            "title": "Youth council policy",
            "summary": "How the city set up a youth council.",
            "attachments": [SimpleUploadedFile("policy.docx", samples.docx_bytes())],
        },
    )
    assert response.status_code == 302
    attachment = ResourceAttachment.objects.get()
    assert attachment.title == "policy.docx"
    assert attachment.file.name.startswith("resources/attachments/")
    assert "policy" not in attachment.file.name
    url = attachment.get_download_url()
    assert client_as(network.user("focal_a")).get(url).status_code == 404  # in review
    assert client_as(network.user("mu")).get(url).status_code == 200


# --- committee papers -----------------------------------------------------------------


def test_a_committee_paper_is_a_download_that_is_never_sniffed(network, client_as):
    from tests.steering.factories import MeetingPaperFactory

    paper = MeetingPaperFactory()
    response = client_as(network.user("committee")).get(paper.file.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert client_as(network.user("focal_b")).get(paper.file.url).status_code == 403
    assert MeetingPaper.objects.count() == 1


# --- public media, imports and files uploaded before the change ------------------------------


def test_public_media_serves_logos_and_covers_only(client, db):
    media = Path(settings.MEDIA_ROOT)
    (media / "cities/logos").mkdir(parents=True)
    (media / "cities/logos/nairobi.png").write_bytes(samples.image_bytes("PNG"))
    (media / "imports").mkdir()
    (media / "imports/people.csv").write_text("email\nsomeone@example.org\n")
    (media / "cities/logos/page.html").write_text("<script>alert(1)</script>")
    response = client.get("/media/cities/logos/nairobi.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    for path in ("imports/people.csv", "cities/logos/page.html", "cities/logos/../../x.png"):
        assert client.get(f"/media/{path}").status_code == 404


def test_an_import_file_is_kept_outside_media(network):
    upload = SimpleUploadedFile("people.csv", b"country,name\nKE,Nairobi\n")
    keep_upload(upload, user=network.user("mu"))
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.csv"))
    assert list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("imports/*.csv"))


def test_files_uploaded_before_the_change_are_moved_out_of_media(settings):
    old = Path(settings.MEDIA_ROOT) / "resources/attachments/2024/guide.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(PDF)
    moved = move_to_private_storage(
        ["resources/attachments/2024/guide.pdf", "../outside.pdf", "", "missing.pdf"]
    )
    assert moved == 1
    assert not old.exists()
    target = Path(settings.PRIVATE_MEDIA_ROOT) / "resources/attachments/2024/guide.pdf"
    assert target.read_bytes() == PDF
