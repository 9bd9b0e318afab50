import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError

from strongcities.demo import DEMO_TOTP_SECRET

DEMO_DOMAIN = "@demo.strongcities.example"


class Command(BaseCommand):
    help = "Print the current two-factor code of a fictional demo staff account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not email.lower().endswith(DEMO_DOMAIN):
            raise CommandError(f"Only demo accounts ({DEMO_DOMAIN}) have a known secret.")
        counter = int(time.time()) // 30
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
