from django.core.management.base import BaseCommand

from resources.search import rebuild_search_vectors, uses_postgres


class Command(BaseCommand):
    help = "Recompute the stored full-text search vectors of every resource (PostgreSQL)."

    def handle(self, *args, **options):
        if not uses_postgres():
            self.stdout.write("Not PostgreSQL: search uses the simple fallback; nothing to do.")
            return
        count = rebuild_search_vectors()
        if options["verbosity"]:
            self.stdout.write(f"Rebuilt the search vectors of {count} resources.")
