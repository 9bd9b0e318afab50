from django.utils import timezone

from steering.models import CommitteeMember


def seat_committee_member(*, user, city, role=CommitteeMember.Role.MEMBER, term_start=None):
    seat, _created = CommitteeMember.objects.get_or_create(
        user=user,
        city=city,
        term_end__isnull=True,
        defaults={"role": role, "term_start": term_start or timezone.localdate()},
    )
    return seat
