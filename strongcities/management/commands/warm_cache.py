from django.core.management.base import BaseCommand

from strongcities.pagewarm import shared_cache, warm_public_pages


class Command(BaseCommand):
    help = (
        "After a deploy: put into the shared cache what this release keeps ready there "
        "(the engagement snapshot, the annual reports, the public pages every visit "
        "passes through), before visitors and Celery beat would."
    )

    def handle(self, *args, **options):
        from members import engagement_snapshot
        from steering import report_cache

        if not shared_cache():
            self.stdout.write("No shared cache (CACHE_URL): each process keeps its own.")
            return
        engagement_snapshot.refresh_current()
        reports = report_cache.refresh_current()
        self.stdout.write(f"Engagement snapshot and {reports} annual reports computed.")
        outcomes = warm_public_pages()
        self.stdout.write(
            f"Public pages: {outcomes['stored']} stored, {outcomes['kept']} already current, "
            f"{outcomes['not stored']} not stored."
        )
        if outcomes["not stored"]:
            self.stderr.write(
                "Pages not stored answered with an error or the cache was unreachable: "
                "is the host of SITE_URL one of ALLOWED_HOSTS?"
            )
