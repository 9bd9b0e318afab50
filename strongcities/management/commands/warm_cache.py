from django.core.management.base import BaseCommand

from strongcities.pagewarm import cannot_warm, warm_public_pages


class Command(BaseCommand):
    help = (
        "After a deploy: put into the shared cache what this release keeps ready there "
        "(the engagement snapshot, the annual reports, the public pages every visit "
        "passes through), before visitors and Celery beat would."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="only the public pages (the snapshot and reports are already computed)",
        )

    def handle(self, *args, pages_only=False, **options):
        from members import engagement_snapshot
        from steering import report_cache

        reason = cannot_warm()
        if reason:
            self.stdout.write(reason)
            return
        if not pages_only:
            engagement_snapshot.refresh_current()
            reports = report_cache.refresh_current()
            self.stdout.write(f"Engagement snapshot and {reports} annual reports computed.")
        outcomes = warm_public_pages()
        said = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        self.stdout.write(f"Public pages: {said}.")
