"""Writes for the Steering Committee.

Every seat goes through `save_committee_seat`, which takes a row lock on the one
Committee row before counting, so two people adding the 26th member at the same
moment are serialised and the second is refused.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from steering.models import MAX_ACTIVE_MEMBERS, Committee, CommitteeMember

COMMITTEE_PK = 1


def lock_committee() -> Committee:
    """Lock the committee row until the surrounding transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_committee() must run inside a transaction")
    Committee.objects.get_or_create(pk=COMMITTEE_PK)
    return Committee.objects.select_for_update().get(pk=COMMITTEE_PK)


def busiest_day(seats: list[CommitteeMember], start, end) -> tuple[int, datetime.date]:
    """The most seats held on one day of [start, end], and that day.

    The count only rises on a day a term starts, so checking `start` and every term
    start inside the window finds the maximum.
    """
    days = {start} | {s.term_start for s in seats if s.term_start > start}
    if end is not None:
        days = {d for d in days if d <= end}
    best = (0, start)
    for day in sorted(days):
        count = sum(1 for s in seats if s.is_active(day))
        if count > best[0]:
            best = (count, day)
    return best


def check_seat(seat: CommitteeMember) -> None:
    """Raise ValidationError if saving `seat` would break a committee rule.

    Call with the committee locked (see lock_committee) so the answer still holds
    when the seat is saved.
    """
    if seat.term_end is not None and seat.term_end < seat.term_start:
        raise ValidationError({"term_end": _("A term cannot end before it starts.")})
    others = CommitteeMember.objects.overlapping(seat.term_start, seat.term_end)
    if seat.pk:
        others = others.exclude(pk=seat.pk)
    others = list(others)
    if seat.user_id and any(other.user_id == seat.user_id for other in others):
        raise ValidationError(
            {"user": _("This person already holds a seat on the committee during this term.")}
        )
    count, day = busiest_day(others, seat.term_start, seat.term_end)
    if count >= MAX_ACTIVE_MEMBERS:
        raise ValidationError(
            _(
                "The committee already has %(limit)d active members on %(day)s; it may have "
                "at most %(limit)d at any time. End another member's term first."
            )
            % {"limit": MAX_ACTIVE_MEMBERS, "day": date_format(day)},
            code="committee_full",
        )


@transaction.atomic
def save_committee_seat(seat: CommitteeMember) -> CommitteeMember:
    """Create or change a seat, enforcing the limit under the committee lock."""
    lock_committee()
    check_seat(seat)
    seat.save()
    return seat


@transaction.atomic
def seat_committee_member(
    *,
    user,
    city,
    role=CommitteeMember.Role.MEMBER,
    term_start=None,
    term_end=None,
    position: str = "",
) -> CommitteeMember:
    """Give a person a seat; idempotent while their current or next seat is open."""
    lock_committee()
    term_start = term_start or timezone.localdate()
    existing = (
        CommitteeMember.objects.filter(user=user)
        .overlapping(term_start, term_end)
        .order_by("term_start")
        .first()
    )
    if existing is not None:
        return existing
    seat = CommitteeMember(
        user=user,
        city=city,
        role=role,
        term_start=term_start,
        term_end=term_end,
        position=position,
    )
    return save_committee_seat(seat)


@transaction.atomic
def end_committee_seat(seat: CommitteeMember, *, on=None) -> CommitteeMember:
    """End a term (the seat still counts on its last day)."""
    lock_committee()
    seat.term_end = on or timezone.localdate()
    if seat.term_end < seat.term_start:
        seat.term_end = seat.term_start
    seat.save(update_fields=["term_end"])
    return seat
