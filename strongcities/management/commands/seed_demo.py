from django.core.management.base import BaseCommand

from strongcities.demo import DEMO_PASSWORD, seed_demo_network
from strongcities.permissions import STAFF_ROLES


class Command(BaseCommand):
    help = "Create or refresh the demo network (hubs, cities, taxonomy, one account per role)."

    def handle(self, *args, **options):
        accounts = seed_demo_network()
        self.stdout.write(self.style.SUCCESS("Demo network ready."))
        self.stdout.write(f"Demo accounts (fictional people), password: {DEMO_PASSWORD}")
        for account in accounts:
            scope = f" – {account.scope}" if account.scope else ""
            mfa = "  [MFA: manage.py demo_totp EMAIL]" if account.role in STAFF_ROLES else ""
            self.stdout.write(f"  {account.role:<17} {account.email}{scope}{mfa}")
