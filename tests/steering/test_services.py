"""The committee's seat rules: at most 25 active members at any time."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from steering.models import MAX_ACTIVE_MEMBERS, CommitteeMember
from steering.services import (
    busiest_day,
    end_committee_seat,
    save_committee_seat,
    seat_committee_member,
)
from tests.factories import CityFactory, UserFactory

START = datetime.date(2026, 1, 1)


def fill_committee(n, *, start=START, end=None):
    city = CityFactory()
    return [
        seat_committee_member(user=UserFactory(), city=city, term_start=start, term_end=end)
        for _ in range(n)
    ]


@pytest.mark.django_db
def test_the_25th_member_is_seated_and_the_26th_is_refused_with_a_clear_message():
    fill_committee(MAX_ACTIVE_MEMBERS - 1)
    seat_committee_member(user=UserFactory(), city=CityFactory(), term_start=START)
    with pytest.raises(ValidationError) as refused:
        seat_committee_member(user=UserFactory(), city=CityFactory(), term_start=START)
    assert refused.value.code == "committee_full"
    assert "at most 25 at any time" in refused.value.messages[0]
    assert CommitteeMember.objects.active(START).count() == MAX_ACTIVE_MEMBERS


@pytest.mark.django_db
def test_members_whose_term_ended_do_not_count():
    fill_committee(
        MAX_ACTIVE_MEMBERS, start=datetime.date(2023, 9, 20), end=datetime.date(2025, 12, 31)
    )
    seat = seat_committee_member(user=UserFactory(), city=CityFactory(), term_start=START)
    assert seat.pk


@pytest.mark.django_db
def test_a_future_seat_is_refused_if_the_committee_is_full_on_any_day_of_its_term():
    fill_committee(MAX_ACTIVE_MEMBERS - 1)
    # one more seat from March makes 25 from then on
    seat_committee_member(
        user=UserFactory(), city=CityFactory(), term_start=datetime.date(2026, 3, 1)
    )
    # a seat for January and February only fits
    seat_committee_member(
        user=UserFactory(),
        city=CityFactory(),
        term_start=START,
        term_end=datetime.date(2026, 2, 28),
    )
    # a seat from February overlaps March, when there is no room
    with pytest.raises(ValidationError):
        seat_committee_member(
            user=UserFactory(), city=CityFactory(), term_start=datetime.date(2026, 2, 1)
        )


@pytest.mark.django_db
def test_ending_a_term_frees_a_seat_from_the_next_day():
    seats = fill_committee(MAX_ACTIVE_MEMBERS)
    end_committee_seat(seats[0], on=datetime.date(2026, 6, 30))
    with pytest.raises(ValidationError):
        seat_committee_member(
            user=UserFactory(), city=CityFactory(), term_start=datetime.date(2026, 6, 30)
        )
    assert seat_committee_member(
        user=UserFactory(), city=CityFactory(), term_start=datetime.date(2026, 7, 1)
    ).pk


@pytest.mark.django_db
def test_seating_the_same_person_twice_returns_their_seat():
    user, city = UserFactory(), CityFactory()
    first = seat_committee_member(user=user, city=city, term_start=START)
    again = seat_committee_member(user=user, city=city, term_start=START)
    assert first.pk == again.pk
    assert CommitteeMember.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_a_person_cannot_hold_two_seats_at_once():
    user = UserFactory()
    seat_committee_member(user=user, city=CityFactory(), term_start=START)
    with pytest.raises(ValidationError) as refused:
        save_committee_seat(
            CommitteeMember(user=user, city=CityFactory(), term_start=datetime.date(2026, 5, 1))
        )
    assert "already holds a seat" in str(refused.value)


@pytest.mark.django_db
def test_a_term_cannot_end_before_it_starts():
    with pytest.raises(ValidationError):
        save_committee_seat(
            CommitteeMember(
                user=UserFactory(),
                city=CityFactory(),
                term_start=START,
                term_end=datetime.date(2025, 1, 1),
            )
        )


@pytest.mark.django_db
def test_changing_an_existing_seat_does_not_count_it_twice():
    seats = fill_committee(MAX_ACTIVE_MEMBERS)
    seat = seats[3]
    seat.role = CommitteeMember.Role.CO_CHAIR
    save_committee_seat(seat)
    seat.refresh_from_db()
    assert seat.role == CommitteeMember.Role.CO_CHAIR


def test_busiest_day_counts_overlapping_terms():
    def seat(start, end=None):
        return CommitteeMember(term_start=start, term_end=end)

    seats = [
        seat(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)),
        seat(datetime.date(2026, 1, 15)),
        seat(datetime.date(2026, 2, 1)),
    ]
    assert busiest_day(seats, datetime.date(2026, 1, 1), None) == (2, datetime.date(2026, 1, 15))
    assert busiest_day(seats, datetime.date(2026, 1, 1), datetime.date(2026, 1, 10))[0] == 1


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)


def _seat_in_thread(results, key, **kwargs):
    try:
        results[key] = seat_committee_member(**kwargs)
    except ValidationError as error:
        results[key] = error
    finally:
        connection.close()


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_additions_of_the_26th_member_seat_only_one():
    fill_committee(MAX_ACTIVE_MEMBERS - 1)
    city = CityFactory()
    users = [UserFactory(), UserFactory()]
    results = {}
    first_holds_lock = threading.Event()

    def first():
        try:
            with transaction.atomic():
                results["first"] = save_committee_seat(
                    CommitteeMember(user=users[0], city=city, term_start=START)
                )
                first_holds_lock.set()
                # Keep the lock while the second request arrives; it must wait for us.
                time.sleep(0.5)
        finally:
            first_holds_lock.set()
            connection.close()

    def second():
        first_holds_lock.wait(5)
        _seat_in_thread(results, "second", user=users[1], city=city, term_start=START)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert isinstance(results["first"], CommitteeMember)
    assert isinstance(results["second"], ValidationError)
    assert CommitteeMember.objects.active(START).count() == MAX_ACTIVE_MEMBERS


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_racing_additions_never_exceed_the_limit():
    fill_committee(MAX_ACTIVE_MEMBERS - 2)
    city = CityFactory()
    users = [UserFactory() for _ in range(4)]
    barrier = threading.Barrier(len(users))
    results = {}

    def add(index):
        barrier.wait(5)
        _seat_in_thread(results, index, user=users[index], city=city, term_start=START)

    threads = [threading.Thread(target=add, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    seated = [r for r in results.values() if isinstance(r, CommitteeMember)]
    refused = [r for r in results.values() if isinstance(r, ValidationError)]
    assert (len(seated), len(refused)) == (2, 2)
    assert CommitteeMember.objects.active(START).count() == MAX_ACTIVE_MEMBERS
