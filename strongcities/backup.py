"""Backups: one dated archive holding the database and every file the portal keeps.

    strongcities-2026-01-31T023000Z.tar
      manifest.json     row count and checksum of every table, size and SHA-256 of
                        every file, the server version and the migrations applied
      database.dump     pg_dump, custom format
      files/media/...             MEDIA_ROOT (logos, cover images)
      files/private-files/...     PRIVATE_MEDIA_ROOT (ticket and resource attachments)
      files/steering-papers/...   STEERING_PAPERS_ROOT (committee papers)

The dump and the manifest's table figures come from one exported snapshot, so they
describe the same instant even while people keep working. A restore goes only into an
empty database and empty folders, then recomputes every figure and compares it with
the manifest: a backup that does not restore identically is reported as such.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
FORMAT_VERSION = 1
ARCHIVE_PREFIX = "strongcities-"
ARCHIVE_SUFFIX = ".tar"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# --- where things are ----------------------------------------------------------------


def file_roots() -> dict[str, Path]:
    """Every folder of files the portal writes, by the name used inside the archive."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "private-files": Path(settings.PRIVATE_MEDIA_ROOT),
        "steering-papers": Path(settings.STEERING_PAPERS_ROOT),
    }


def database_settings(alias: str = "default") -> dict:
    return require_postgresql(settings.DATABASES[alias])


def require_postgresql(db: dict) -> dict:
    if "postgresql" not in db["ENGINE"]:
        raise BackupError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://...); the SQLite quick start "
            "has nothing to back up but var/."
        )
    return db


def _libpq_env(db: dict) -> dict:
    """Connection settings for pg_dump and pg_restore, passed in the environment so
    the password never appears in a process list."""
    env = {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode", ""),
    }
    return {**os.environ, **{key: value for key, value in env.items() if value}}


def _connect(db: dict):
    import psycopg

    params = {
        "dbname": db["NAME"],
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "sslmode": (db.get("OPTIONS") or {}).get("sslmode"),
    }
    return psycopg.connect(**{key: value for key, value in params.items() if value})


# --- what is in them -------------------------------------------------------------------


def _session_for_checksums(conn) -> None:
    # Row text depends on these settings: fix them so a checksum means the same everywhere.
    conn.execute("SET TIME ZONE 'UTC'")
    conn.execute("SET DateStyle = 'ISO, YMD'")
    conn.execute("SET IntervalStyle = 'postgres'")
    conn.execute("SET extra_float_digits = 1")
    conn.execute("SET bytea_output = 'hex'")


def table_inventory(conn) -> dict[str, dict]:
    """Row count and content checksum of every table in the public schema.

    The checksum is the MD5 of the sorted MD5s of the rows' text, so it does not
    depend on the physical order of rows, which a restore does not keep."""
    from psycopg import sql

    _session_for_checksums(conn)
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    inventory = {}
    for table in tables:
        query = sql.SQL(
            "SELECT count(*), md5(coalesce(string_agg(h, '' ORDER BY h), '')) "
            "FROM (SELECT md5(t::text) AS h FROM {} AS t) AS rows"
        ).format(sql.Identifier("public", table))
        rows, checksum = conn.execute(query).fetchone()
        inventory[table] = {"rows": rows, "checksum": checksum}
    return inventory


def database_inventory(db: dict | None = None) -> dict[str, dict]:
    with _connect(db or database_settings()) as conn:
        return table_inventory(conn)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(root: Path, skip: list[Path]) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for directory, folders, files in os.walk(root):
        here = Path(directory)
        # Another root nested inside this one is archived under its own name.
        folders[:] = sorted(f for f in folders if (here / f).resolve() not in skip)
        found.extend(here / name for name in sorted(files) if (here / name).is_file())
    return found


def files_inventory(roots: dict[str, Path] | None = None) -> dict[str, dict[str, dict]]:
    """Size and SHA-256 of every file, per root, keyed by path relative to the root."""
    roots = roots or file_roots()
    resolved = {label: root.resolve() for label, root in roots.items()}
    inventory = {}
    for label, root in resolved.items():
        nested = [other for name, other in resolved.items() if name != label and other != root]
        nested = [other for other in nested if other.is_relative_to(root)]
        inventory[label] = {
            path.relative_to(root).as_posix(): {
                "size": path.stat().st_size,
                "sha256": sha256_of(path),
            }
            for path in _files_under(root, nested)
        }
    return inventory


def _applied_migrations(conn) -> dict[str, str]:
    rows = conn.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
    return dict(rows.fetchall())


# --- backup ------------------------------------------------------------------------------


def archive_name(now=None) -> str:
    return f"{ARCHIVE_PREFIX}{(now or timezone.now()):%Y-%m-%dT%H%M%SZ}{ARCHIVE_SUFFIX}"


def create_backup(output_dir: Path | None = None, *, pg_dump: str = "pg_dump") -> Path:
    """Write one archive into output_dir (BACKUP_DIR) and return its path."""
    db = database_settings()
    output_dir = Path(output_dir or settings.BACKUP_DIR)
    output_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    target = output_dir / archive_name(now)
    roots = file_roots()
    with tempfile.TemporaryDirectory(prefix="strongcities-backup-") as scratch:
        dump = Path(scratch) / DUMP
        with _connect(db) as conn:
            # One snapshot for pg_dump and for the figures in the manifest.
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            result = subprocess.run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                ],  # fmt: skip
                env=_libpq_env(db),
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
            tables = table_inventory(conn)
            migrations = _applied_migrations(conn)
            server_version = conn.execute("SHOW server_version").fetchone()[0]
        files = files_inventory(roots)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": now.isoformat(),
            "database": {
                "file": DUMP,
                "format": "pg_dump custom",
                "size": dump.stat().st_size,
                "sha256": sha256_of(dump),
                "server_version": server_version,
                "tables": tables,
            },
            "migrations": migrations,
            "files": files,
        }
        partial = target.with_name(target.name + ".partial")
        # Backups hold people's names and contacts: readable by the owner only.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
            archive.add(dump, arcname=DUMP)
            for label, entries in files.items():
                root = roots[label].resolve()
                for relative in entries:
                    archive.add(root / relative, arcname=f"files/{label}/{relative}")
        partial.replace(target)
    return target


def _add_bytes(archive: tarfile.TarFile, name: str, text: str) -> None:
    import io

    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def prune_backups(output_dir: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest archives of output_dir; returns what went."""
    archives = sorted(
        path
        for path in Path(output_dir).glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}")
        if path.is_file()
    )
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


# --- restore -----------------------------------------------------------------------------


@dataclass
class RestoreReport:
    tables: int = 0
    rows: int = 0
    files: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.mismatches


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path) as archive:
            member = archive.getmember(MANIFEST)
            return json.load(archive.extractfile(member))
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError) as error:
        raise BackupError(f"{archive_path} is not a portal backup: {error}") from None


def _database_is_empty(db: dict) -> bool:
    with _connect(db) as conn:
        count = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')"
        ).fetchone()[0]
    return count == 0


def _folder_is_empty(path: Path) -> bool:
    return not path.exists() or not any(p.is_file() for p in path.rglob("*"))


def restore_backup(
    archive_path: Path,
    *,
    db: dict | None = None,
    roots: dict[str, Path] | None = None,
    pg_restore: str = "pg_restore",
) -> RestoreReport:
    """Restore an archive into an empty database and empty folders, then compare."""
    archive_path = Path(archive_path)
    db = db or database_settings()
    roots = roots or file_roots()
    manifest = read_manifest(archive_path)
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if not _database_is_empty(db):
        raise BackupError(
            f"The database {db['NAME']!r} is not empty. Restore only into a new, empty "
            "database (createdb), so nothing is mixed or overwritten."
        )
    unknown = set(manifest["files"]) - set(roots)
    if unknown:
        raise BackupError(f"The backup has files for unknown folders: {sorted(unknown)}")
    for label in manifest["files"]:
        if not _folder_is_empty(roots[label]):
            raise BackupError(f"The folder {roots[label]} ({label}) is not empty.")

    report = RestoreReport()
    with (
        tempfile.TemporaryDirectory(prefix="strongcities-restore-") as scratch,
        tarfile.open(archive_path) as archive,
    ):
        dump = Path(scratch) / DUMP
        with archive.extractfile(DUMP) as source, dump.open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        if sha256_of(dump) != manifest["database"]["sha256"]:
            raise BackupError("The database dump in the archive is damaged (checksum differs).")
        result = subprocess.run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={db['NAME']}",
                str(dump),
            ],  # fmt: skip
            env=_libpq_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        for member in archive.getmembers():
            if not member.name.startswith("files/"):
                continue
            _extract_file(archive, member, roots, manifest)
            report.files += 1

    restored_tables = database_inventory(db)
    expected_tables = manifest["database"]["tables"]
    report.tables = len(restored_tables)
    report.rows = sum(table["rows"] for table in restored_tables.values())
    for table in sorted(set(expected_tables) | set(restored_tables)):
        if expected_tables.get(table) != restored_tables.get(table):
            report.mismatches.append(
                f"table {table}: backup {expected_tables.get(table)}, "
                f"restored {restored_tables.get(table)}"
            )
    restored_files = files_inventory({label: roots[label] for label in manifest["files"]})
    for label, expected in manifest["files"].items():
        if restored_files.get(label) != expected:
            missing = set(expected) ^ set(restored_files.get(label, {}))
            report.mismatches.append(f"files {label}: differ ({len(missing)} names differ)")
    return report


def _extract_file(archive, member, roots, manifest) -> None:
    """Write one file under its root, refusing anything that would land outside it."""
    parts = PurePosixPath(member.name).parts
    if len(parts) < 3 or not member.isfile():
        raise BackupError(f"Unexpected entry in the archive: {member.name}")
    label, relative = parts[1], PurePosixPath(*parts[2:])
    if label not in roots or ".." in relative.parts or relative.is_absolute():
        raise BackupError(f"Unsafe path in the archive: {member.name}")
    root = roots[label].resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise BackupError(f"Unsafe path in the archive: {member.name}")
    expected = manifest["files"][label].get(relative.as_posix())
    if expected is None:
        raise BackupError(f"{member.name} is not listed in the manifest.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.extractfile(member) as source, target.open("wb") as copy:
        shutil.copyfileobj(source, copy, CHUNK)
    if sha256_of(target) != expected["sha256"]:
        raise BackupError(f"{member.name} is damaged in the archive (checksum differs).")
