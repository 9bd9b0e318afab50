from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from strongcities.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Write one dated archive (pg_dump, media and private files, manifest with row "
        "counts and checksums) into BACKUP_DIR. Used by `make backup` and the nightly job."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, help="instead of BACKUP_DIR")
        parser.add_argument(
            "--keep", type=int, default=0, help="then delete all but the N newest archives"
        )

    def handle(self, *args, output_dir=None, keep=0, **options):
        try:
            path = create_backup(output_dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        if keep:
            for old in prune_backups(path.parent, keep):
                self.stdout.write(f"Removed old backup {old}")
