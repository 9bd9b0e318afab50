from django.core.management.base import BaseCommand

from resources.search import rebuild_search_entries, uses_postgres


class Command(BaseCommand):
    help = (
        "Rebuild the public search: every published resource's search entry, then the "
        "word frequencies (PostgreSQL)."
    )

    def handle(self, *args, **options):
        if not uses_postgres():
            self.stdout.write("Not PostgreSQL: search uses the simple fallback; nothing to do.")
            return
        count = rebuild_search_entries()
        if options["verbosity"]:
            self.stdout.write(f"Rebuilt the search entries of {count} published resources.")
