"""Private files for the role matrix (tests/test_role_matrix.py): an attachment on the
matrix request of city A, and a file of the draft resource "draft"."""

from django.core.files.base import ContentFile

from hubs.models import Ticket, TicketAttachment
from resources.models import Resource, ResourceAttachment
from tests.hubs.matrix import MATRIX_TICKET_REFERENCE
from tests.upload_samples import pdf_bytes


def add_private_files_matrix_objects(network) -> None:
    ticket = Ticket.objects.get(reference=MATRIX_TICKET_REFERENCE)
    TicketAttachment.objects.create(
        ticket=ticket,
        file=ContentFile(pdf_bytes("Plan"), name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=len(pdf_bytes("Plan")),
        uploaded_by=network.user("focal_a"),
    )
    ResourceAttachment.objects.create(
        resource=Resource.objects.get(slug="draft"),
        language="en",
        file=ContentFile(pdf_bytes("Draft"), name="draft.pdf"),
    )


def private_files_url_kwargs(net) -> dict:
    return {
        "helpdesk:attachment": {
            "reference": MATRIX_TICKET_REFERENCE,
            "pk": TicketAttachment.objects.get().pk,
        },
        "resources:attachment": {
            "slug": "draft",
            "pk": ResourceAttachment.objects.get(resource__slug="draft").pk,
        },
    }
