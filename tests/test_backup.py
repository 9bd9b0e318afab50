"""make backup / make restore: the demo network, restored into a fresh database and fresh
folders, has the same row count and checksum in every table and the same files."""

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from strongcities import backup
from tests import upload_samples as samples

ROOT = Path(__file__).resolve().parent.parent


def admin_connection():
    s = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=s["USER"] or "postgres",
        password=s["PASSWORD"] or None,
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("backups need PostgreSQL")
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    with admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {**connection.settings_dict, "NAME": name}
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(db) -> str:
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def restore_command(archive, db, roots):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(db),
        "MEDIA_ROOT": str(roots["media"]),
        "PRIVATE_MEDIA_ROOT": str(roots["private-files"]),
        "STEERING_PAPERS_ROOT": str(roots["steering-papers"]),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def add_a_file_to_every_folder(settings):
    """The demo writes committee papers; add a logo and a ticket attachment too."""
    from hubs.models import Ticket, TicketAttachment
    from members.models import City

    city = City.objects.filter(logo="").order_by("pk").first()
    city.logo.save("logo.png", ContentFile(samples.image_bytes("PNG")), save=True)
    ticket = Ticket.objects.order_by("pk").first()
    TicketAttachment.objects.create(
        ticket=ticket,
        file=ContentFile(samples.pdf_bytes("Plan"), name="plan.pdf"),
        original_name="plan.pdf",
        content_type="application/pdf",
        size=len(samples.pdf_bytes("Plan")),
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_demo_network_restores_identically(settings, tmp_path, fresh_database):
    call_command("seed_demo")
    add_a_file_to_every_folder(settings)
    call_command("backup", output_dir=tmp_path / "backups")

    archives = list((tmp_path / "backups").glob("strongcities-*.tar"))
    assert len(archives) == 1
    archive = archives[0]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # it holds personal data
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "database.dump" in names
    tables = manifest["database"]["tables"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM members_city")
        assert tables["members_city"]["rows"] == cursor.fetchone()[0] > 0
    assert {label for label, files in manifest["files"].items() if files} == {
        "media",
        "private-files",
        "steering-papers",
    }
    assert all(f"files/{label}/{path}" in names
               for label, files in manifest["files"].items() for path in files)  # fmt: skip

    # a damaged archive is refused before anything is written
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "database.dump":
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    roots = {
        "media": tmp_path / "restored" / "media",
        "private-files": tmp_path / "restored" / "private",
        "steering-papers": tmp_path / "restored" / "papers",
    }
    result = restore_command(damaged, fresh_database, roots)
    assert result.returncode != 0 and "damaged" in result.stderr
    assert backup.database_inventory(fresh_database) == {}

    result = restore_command(archive, fresh_database, roots)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "match the backup" in result.stdout

    # the comparison does not rely on the command: recomputed here on both sides
    original = backup.database_inventory(connection.settings_dict)
    restored = backup.database_inventory(fresh_database)
    assert restored == original == tables
    assert backup.files_inventory(roots) == backup.files_inventory() == manifest["files"]

    # a second restore into the now filled database is refused
    again = restore_command(archive, fresh_database, {k: tmp_path / "x" / k for k in roots})
    assert again.returncode != 0 and "is not empty" in again.stderr


def test_restore_refuses_folders_that_are_not_empty(tmp_path, monkeypatch):
    archive = tmp_path / "b.tar"
    manifest = {"format": 1, "database": {}, "files": {"media": {}}}
    with tarfile.open(archive, "w") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    media = tmp_path / "media"
    media.mkdir()
    (media / "left-over.png").write_bytes(b"x")
    monkeypatch.setattr(backup, "_database_is_empty", lambda db: True)
    with pytest.raises(backup.BackupError, match="is not empty"):
        backup.restore_backup(archive, db={"NAME": "x"}, roots={"media": media})


def test_an_archive_that_is_not_a_backup_is_refused(tmp_path):
    bogus = tmp_path / "bogus.tar"
    bogus.write_bytes(b"not a tar")
    with pytest.raises(backup.BackupError, match="not a portal backup"):
        backup.read_manifest(bogus)


def test_unsafe_paths_in_an_archive_are_refused(tmp_path):
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo("files/media/../../escaped.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with tarfile.open(archive) as tar:
        member = tar.getmember("files/media/../../escaped.txt")
        with pytest.raises(backup.BackupError, match="Unsafe path"):
            backup._extract_file(
                tar, member, {"media": tmp_path / "media"}, {"files": {"media": {}}}
            )
    assert not (tmp_path / "escaped.txt").exists()


def test_old_backups_are_pruned_keeping_the_newest(tmp_path):
    names = [f"strongcities-2026-01-0{day}T023000Z.tar" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "notes.txt").write_text("kept")
    removed = backup.prune_backups(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == names[:3]
    assert {p.name for p in tmp_path.iterdir()} == {*names[3:], "notes.txt"}


def test_backups_need_postgresql():
    with pytest.raises(backup.BackupError, match="need PostgreSQL"):
        backup.require_postgresql({"ENGINE": "django.db.backends.sqlite3", "NAME": "x"})


def test_nested_folders_are_archived_once(tmp_path):
    outer = tmp_path / "media"
    inner = outer / "private"
    inner.mkdir(parents=True)
    (outer / "logo.png").write_bytes(b"a")
    (inner / "plan.pdf").write_bytes(b"b")
    inventory = backup.files_inventory({"media": outer, "private-files": inner})
    assert set(inventory["media"]) == {"logo.png"}
    assert set(inventory["private-files"]) == {"plan.pdf"}
    shutil.rmtree(outer)
