"""Time the helpdesk queue with many requests, then roll everything back.

    manage.py helpdesk_benchmark --tickets 50000

Reports, for hub staff and for the Management Unit, the queue page's time and SQL
query count. Nothing is kept: the data lives in a transaction that is rolled back.
"""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hubs.models import Hub, HubStaff, Ticket
from members.models import City


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Benchmark the helpdesk queue with many requests (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--tickets", type=int, default=50_000)

    def handle(self, *args, tickets, **options):
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.contrib.auth import get_user_model
        from django.test.utils import override_settings

        User = get_user_model()
        try:
            with transaction.atomic():
                hub = Hub.objects.create(
                    slug="benchmark-hub", name="Benchmark hub", status="active"
                )
                cities = [
                    City.objects.create(
                        name=f"Benchmark city {n}",
                        slug=f"benchmark-{n}",
                        country="KE",
                        authority_type="municipality",
                        membership_status="member",
                        hub=hub,
                    )
                    for n in range(50)
                ]
                staff = User.objects.create_user("bench-staff@example.invalid", "x")
                HubStaff.objects.create(hub=hub, user=staff, role="lead")
                mu = User.objects.create_user(
                    "bench-mu@example.invalid", "x", is_management_unit=True
                )
                for user in (staff, mu):
                    TOTP.activate(user, generate_totp_secret())
                    RecoveryCodes.activate(user)
                now = timezone.now()
                started = time.perf_counter()
                batch = []
                for n in range(tickets):
                    ticket = Ticket(
                        hub=hub,
                        city=cities[n % len(cities)],
                        category=Ticket.Category.choices[n % 7][0],
                        priority=Ticket.Priority.choices[n % 4][0],
                        status=Ticket.Status.choices[n % 6][0],
                        subject=f"Benchmark request {n}",
                        description="x",
                        language="en",
                        created_at=now - timezone.timedelta(minutes=n),
                        assignee=staff if n % 3 else None,
                    )
                    ticket.first_response_due = ticket.created_at + timezone.timedelta(hours=48)
                    ticket.resolution_due = ticket.created_at + timezone.timedelta(days=10)
                    batch.append(ticket)
                    if len(batch) == 5000:
                        Ticket.objects.bulk_create(batch)
                        batch = []
                Ticket.objects.bulk_create(batch)
                self.stdout.write(
                    f"created {tickets} requests in {time.perf_counter() - started:.1f} s"
                )
                with override_settings(ALLOWED_HOSTS=["*"], SECURE_SSL_REDIRECT=False):
                    for label, user, url in [
                        ("hub staff, open requests", staff, "/en/helpdesk/"),
                        ("hub staff, all + search", staff, "/en/helpdesk/?status=all&q=request+4"),
                        ("hub staff, overdue", staff, "/en/helpdesk/?overdue=on"),
                        ("Management Unit, all hubs", mu, "/en/helpdesk/"),
                    ]:
                        client = Client()
                        client.force_login(user)
                        client.get(url)  # warm up
                        with CaptureQueriesContext(connection) as queries:
                            started = time.perf_counter()
                            response = client.get(url)
                            elapsed = time.perf_counter() - started
                        self.stdout.write(
                            f"{label:30} {response.status_code}  {elapsed * 1000:7.0f} ms  "
                            f"{len(queries)} queries"
                        )
                raise Rollback
        except Rollback:
            self.stdout.write("rolled back: nothing was kept")
