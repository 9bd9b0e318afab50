"""Hooks into other libraries' events: the only way to hear about them."""

from allauth.account.signals import user_logged_in
from auditlog.signals import pre_log
from django.dispatch import receiver

from audit import services


@receiver(user_logged_in, dispatch_uid="audit-staff-sign-in")
def record_staff_sign_in(sender, request, user, **kwargs):
    services.record_staff_sign_in(request=request, user=user)


def skip_unpublished_resources(sender, instance, action, **kwargs):
    """Drafts in review change often and are not public: only resources that are or
    were published are traced (returning False tells auditlog to write nothing)."""
    from resources.models import Resource

    published = Resource.Status.PUBLISHED
    if instance.status == published:
        return None
    if instance.pk and Resource.objects.filter(pk=instance.pk, status=published).exists():
        return None  # being unpublished or archived
    return False


def connect() -> None:
    from resources.models import Resource

    pre_log.connect(skip_unpublished_resources, sender=Resource, dispatch_uid="audit-resources")
