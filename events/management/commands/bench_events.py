"""Time the calendar and a participant list with 5,000 events and 200,000 registrations.

Everything is created inside one transaction that is rolled back at the end, so the
database is left as it was. Use a scratch or test database all the same.
"""

import datetime
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from events.models import Event, Registration
from hubs.models import Hub


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the events calendar and participant list on a large, rolled-back dataset."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=5_000)
        parser.add_argument("--registrations", type=int, default=200_000)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that this database may be used."
        )

    def handle(self, *args, **options):
        if not options["yes"] and not settings.DEBUG:
            raise CommandError("Pass --yes to run against this database (all data is rolled back).")
        try:
            with transaction.atomic():
                self.run(options)
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: the database is unchanged.")

    def run(self, options):
        n_events, n_registrations = options["events"], options["registrations"]
        started = time.perf_counter()
        big_event, staff = self.populate(n_events, n_registrations)
        self.stdout.write(
            f"Created {n_events} events and {Registration.objects.count()} registrations "
            f"in {time.perf_counter() - started:.1f} s."
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE events_event; ANALYZE events_registration;")
        anonymous, signed_in = Client(), Client()
        signed_in.force_login(staff)
        cases = [
            ("calendar, upcoming, page 1", anonymous, "/en/events/"),
            ("calendar, upcoming, page 100", anonymous, "/en/events/?page=100"),
            ("calendar, past, filtered", anonymous, "/en/events/?when=past&kind=webinar"),
            ("calendar as staff", signed_in, "/en/events/"),
            ("event page", anonymous, f"/en/events/{big_event.slug}/"),
            (
                "participant list (2,000 people)",
                signed_in,
                f"/en/events/{big_event.slug}/participants/",
            ),
            (
                "participant CSV (2,000 people)",
                signed_in,
                f"/en/events/{big_event.slug}/participants.csv",
            ),
        ]
        self.stdout.write(f"{'page':<36} {'median ms':>10} {'max ms':>8} {'queries':>8}")
        with override_settings(ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
            for label, client, url in cases:
                timings, queries = [], 0
                for _ in range(options["repeat"]):
                    with CaptureQueriesContext(connection) as captured:
                        begin = time.perf_counter()
                        response = client.get(url)
                        timings.append((time.perf_counter() - begin) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{url} answered {response.status_code}")
                    queries = len(captured.captured_queries)
                self.stdout.write(
                    f"{label:<36} {statistics.median(timings):>10.1f} {max(timings):>8.1f} "
                    f"{queries:>8}"
                )

    def populate(self, n_events, n_registrations):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        User = get_user_model()
        now = timezone.now()
        hub = Hub.objects.create(slug="bench-hub", name_en="Bench hub")
        staff = User.objects.create_user("bench.mu@bench.example", None, display_name="Bench MU")
        staff.is_management_unit = True
        staff.save()
        TOTP.activate(staff, generate_totp_secret())  # staff pages require MFA
        people = User.objects.bulk_create(
            User(email=f"bench{i}@bench.example", display_name=f"Bench person {i}", password="!")
            for i in range(2_000)
        )
        kinds, formats = Event.Kind.values, Event.Format.values
        events = Event.objects.bulk_create(
            Event(
                slug=f"bench-{i}",
                kind=kinds[i % len(kinds)],
                format=formats[i % len(formats)],
                title=f"Bench event {i}",
                title_en=f"Bench event {i}",
                hub=hub if i % 2 else None,
                starts_at=now + datetime.timedelta(hours=(i - n_events // 2) * 7),
                ends_at=now + datetime.timedelta(hours=(i - n_events // 2) * 7 + 3),
                capacity=50,
                is_published=True,
            )
            for i in range(n_events)
        )
        big_event = events[n_events // 2 + 1]
        big_event.capacity = None
        big_event.save(update_fields=["capacity"])
        rows = [
            Registration(event=big_event, user=person, status=Registration.Status.CONFIRMED)
            for person in people
        ]
        per_event, extra = divmod(max(n_registrations - len(rows), 0), n_events - 1)
        others = [e for e in events if e.pk != big_event.pk]
        for index, event in enumerate(others):
            for offset in range(per_event + (index < extra)):
                person = people[(index * 7 + offset) % len(people)]
                rows.append(Registration(event=event, user=person, status="confirmed"))
            if len(rows) >= 20_000:
                Registration.objects.bulk_create(rows, batch_size=5_000)
                rows = []
        Registration.objects.bulk_create(rows, batch_size=5_000)
        return big_event, staff
