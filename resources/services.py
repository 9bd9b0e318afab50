"""Writes of the resource hub: submissions, the review workflow, notices to submitters."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.text import slugify

from resources.models import LANGS, Resource, ResourceAttachment, SubmissionNotice
from strongcities.queue import enqueue_after_commit
from strongcities.uploads import policy as upload_policy
from strongcities.uploads import safe_filename


def unique_slug(title: str) -> str:
    base = slugify(title, allow_unicode=False)[:100] or "resource"
    slug = base
    while Resource.objects.filter(slug=slug).exists():
        slug = f"{base}-{get_random_string(5).lower()}"
    return slug


@transaction.atomic
def submit_resource(
    *,
    city,
    submitted_by,
    language: str,
    kind: str,
    title: str,
    summary: str,
    body: str = "",
    themes=(),
    attachments=(),
) -> Resource:
    """A focal point shares a policy or practice of its city; it goes to staff review."""
    if language not in LANGS:
        raise ValueError(f"Unknown language {language!r}")
    resource = Resource(
        slug=unique_slug(title),
        kind=kind,
        status=Resource.Status.IN_REVIEW,
        submitted_by=submitted_by,
        submitted_city=city,
        submitted_language=language,
        publication_date=timezone.localdate(),
        **{f"author_organisation_{language}": str(city.name)},
        **{f"in_{language}": True},
    )
    for field, value in (("title", title), ("summary", summary), ("body", body)):
        setattr(resource, f"{field}_{language}", value)
    resource.full_clean(exclude=["slug"])
    resource.save()
    resource.cities.add(city)
    if city.hub_id:
        resource.hubs.add(city.hub_id)
    if themes:
        resource.themes.set(themes)
    resource_attachment = upload_policy("resource_attachment")
    for upload in attachments:
        if getattr(upload, "checked_kind", None) is None:  # not checked by a form field
            resource_attachment.clean(upload)
        ResourceAttachment.objects.create(
            resource=resource,
            language=language,
            title=safe_filename(upload.name, max_length=200),
            file=upload,
        )
    _queue_notice(resource, SubmissionNotice.Step.RECEIVED)
    return resource


@transaction.atomic
def publish_resource(resource: Resource, *, published_by=None) -> Resource:
    """Make a resource public; a member's submission or spotlight counts as shared information."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.status != Resource.Status.PUBLISHED:
        resource.status = Resource.Status.PUBLISHED
        resource.published_at = resource.published_at or timezone.now()
        resource.save()
    record_shared_information(resource, recorded_by=published_by)
    if resource.submitted_by_id:
        _queue_notice(resource, SubmissionNotice.Step.PUBLISHED)
    return resource


@transaction.atomic
def set_status(resource: Resource, status: str, *, changed_by=None) -> Resource:
    if status == Resource.Status.PUBLISHED:
        return publish_resource(resource, published_by=changed_by)
    resource.status = status
    # a save, not a queryset update: its search entry is dropped and the public pages
    # that listed it are refreshed (both follow the save's signals)
    resource.save(update_fields=["status", "updated_at"])
    return resource


def record_shared_information(resource: Resource, *, recorded_by=None) -> None:
    """Report "good practice or resource shared" for the city behind a published resource."""
    from members.models import EngagementRecord
    from members.services import record_engagement

    city = resource.submitted_city or resource.spotlight_city
    if city is None or resource.status != Resource.Status.PUBLISHED:
        return
    with translation.override("en"):
        title = str(resource)[:250]
    record_engagement(
        city=city,
        kind=EngagementRecord.Kind.RESOURCE_SHARED,
        occurred_on=(resource.published_at or timezone.now()).date(),
        source=resource,
        title=title,
        recorded_by=recorded_by,
    )


def _queue_notice(resource: Resource, step: str) -> None:
    from resources.tasks import send_submission_notice

    enqueue_after_commit(send_submission_notice, resource.pk, step)


def send_submission_notice(resource_id: int, step: str) -> bool:
    """Email the submitter about one step, in their language, once. Returns True if sent."""
    from strongcities.mail import send_templated_mail

    with transaction.atomic():
        resource = (
            Resource.objects.select_for_update(of=("self",))
            .select_related("submitted_by", "submitted_city")
            .filter(pk=resource_id)
            .first()
        )
        if resource is None or resource.submitted_by is None or not resource.submitted_by.is_active:
            return False
        if SubmissionNotice.objects.filter(resource=resource, step=step).exists():
            return False
        user = resource.submitted_by
        language = user.preferred_language or resource.submitted_language or "en"
        with translation.override(language):
            send_templated_mail(
                template=f"resources/emails/{step}",
                to=user.email,
                language=language,
                context={
                    "resource": resource,
                    "recipient": user,
                    "resource_url": resource.get_absolute_url(),
                },
            )
        try:
            with transaction.atomic():
                SubmissionNotice.objects.create(resource=resource, step=step)
        except IntegrityError:  # pragma: no cover - the row lock makes this unreachable
            return False
    return True


def unsent_notices() -> list[tuple[int, str]]:
    """Submissions whose notice a broker outage may have lost (for a periodic sweep)."""
    pending = []
    submitted = Resource.objects.filter(submitted_by__isnull=False, submitted_by__is_active=True)
    for resource in submitted.prefetch_related("notices"):
        sent = {n.step for n in resource.notices.all()}
        if SubmissionNotice.Step.RECEIVED not in sent:
            pending.append((resource.pk, SubmissionNotice.Step.RECEIVED))
        if resource.is_public and SubmissionNotice.Step.PUBLISHED not in sent:
            pending.append((resource.pk, SubmissionNotice.Step.PUBLISHED))
    return pending
