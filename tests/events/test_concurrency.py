"""Two people taking the last seat at the same moment, in two real transactions."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from events import services
from events.models import Registration
from tests.events.conftest import make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)

HOLD_SECONDS = 0.5


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_seat_get_one_seat_and_one_waiting_place():
    event = make_event(capacity=2)
    early, first, second = UserFactory(), UserFactory(), UserFactory()
    services.register(event=event, person=early, registered_by=early)  # one seat left
    first_registered = threading.Event()
    results, errors = {}, []

    def take_seat(person, *, hold: bool):
        try:
            with transaction.atomic():
                registration = services.register(event=event, person=person, registered_by=person)
                results[person.pk] = (registration.status, time.monotonic())
                if hold:
                    # Keep the transaction (and the event row lock) open while the
                    # other person tries for the same seat.
                    first_registered.set()
                    time.sleep(HOLD_SECONDS)
                    results["first_commit"] = time.monotonic()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
            first_registered.set()
        finally:
            connections.close_all()

    one = threading.Thread(target=take_seat, args=(first,), kwargs={"hold": True})
    one.start()
    assert first_registered.wait(10)
    two = threading.Thread(target=take_seat, args=(second,), kwargs={"hold": False})
    started = time.monotonic()
    two.start()
    one.join(10)
    two.join(10)

    assert errors == []
    assert results[first.pk][0] == Registration.Status.CONFIRMED
    assert results[second.pk][0] == Registration.Status.WAITING
    # The second transaction waited for the first to commit before it counted seats.
    assert results[second.pk][1] >= results["first_commit"]
    assert results[second.pk][1] - started >= HOLD_SECONDS * 0.5
    statuses = sorted(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting"]
