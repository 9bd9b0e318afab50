from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from strongcities.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database and empty media folders, then "
        "compare every table's row count and checksum and every file's with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="a strongcities-….tar from `make backup`")

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"No such backup: {archive}")
        try:
            report = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for mismatch in report.mismatches:
            self.stderr.write(mismatch)
        if not report.identical:
            raise CommandError("The restored data differ from the backup (see above).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {report.tables} tables ({report.rows} rows) and {report.files} "
                "files; row counts and checksums match the backup."
            )
        )
