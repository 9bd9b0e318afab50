from django.db.models import QuerySet

from steering.models import CommitteeMember


def current_committee() -> QuerySet:
    return CommitteeMember.objects.active().select_related("user", "city", "city__hub")
