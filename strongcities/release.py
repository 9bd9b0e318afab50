"""Which release of the portal a process runs, for the keys of what it caches.

Rendered pages, the annual report, the engagement snapshot and the resource hub's
browsing results outlive a process in the shared cache (Redis). Without the release in
their keys, the first minutes after a deploy would serve pages rendered by the previous
release, linking static files under names the new image no longer has (unstyled pages),
and would unpickle objects of an old shape into new code (errors). Each release
therefore reads and writes its own entries. The pages' generations stay shared: during
a rolling deploy, a change made on a node of either release still shows on every node.

The release is a fingerprint of the code a process runs: every file of the project's
own apps, templates, static files and message catalogues, and the pinned requirements,
by path from the project's root (for pages); of its Python modules and requirements
alone (for cached objects, whose shape nothing else decides). It is taken once, when
the process starts (StrongCitiesConfig.ready), so a checkout changed under a running
worker does not make it store old-shaped objects under the new release's name; every
node and worker started from one image takes the same one, wherever it is installed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Besides the apps: what pages are made of, and what the code runs on.
SOURCE_DIRS = ("templates", "static", "locale")
SOURCE_FILES = ("requirements.lock", "pyproject.toml")
# Made from the sources on each machine (bytecode, compiled catalogues) or by editors.
DERIVED_SUFFIXES = (".pyc", ".mo", "~", ".swp")


@dataclass(frozen=True)
class Release:
    """`pages`: everything a rendered page is made of. `code`: only what decides the
    shape of a cached object (Python modules and pinned requirements), so a web node
    deployed alone with a template fix still reads the snapshot and reports its
    workers store."""

    pages: str
    code: str


_current: Release | None = None


def release() -> str:
    """The release a rendered page belongs to."""
    return _taken().pages


def code_release() -> str:
    """The release a cached object (a report, a snapshot, browsing results) belongs to."""
    return _taken().code


def _taken() -> Release:
    global _current  # noqa: PLW0603 - one value per process, taken at start
    if _current is None:
        _current = source_fingerprint(
            Path(settings.BASE_DIR),
            apps=[name.split(".")[0] for name in settings.INSTALLED_APPS],
            uploads=[
                settings.MEDIA_ROOT,
                settings.PRIVATE_MEDIA_ROOT,
                settings.STEERING_PAPERS_ROOT,
            ],
        )
    return _current


def source_fingerprint(root: Path, *, apps, uploads=()) -> Release:
    """12 hex digits of a SHA-256 over the path and contents of every source file (about
    450 files, 3 MB: a tenth of a second). `apps`: the installed apps' package names
    (those in `root` are the project's own); `uploads`: folders of uploads, never source."""
    pages, code = hashlib.sha256(), hashlib.sha256()
    for path in sorted(_source_files(root, apps, uploads)):
        entry = path.relative_to(root).as_posix().encode() + b"\0"
        try:
            entry += path.read_bytes()
        except OSError as error:  # unreadable here: named, so every process agrees
            entry += f"unreadable: {error.strerror}".encode()
        entry += b"\0"
        pages.update(entry)
        if path.suffix == ".py" or path.name in SOURCE_FILES:
            code.update(entry)
    return Release(pages=pages.hexdigest()[:12], code=code.hexdigest()[:12])


def _source_files(root: Path, apps, uploads):
    uploads = [Path(folder).resolve() for folder in uploads]
    tops = {root / name for name in (*apps, *SOURCE_DIRS) if (root / name).is_dir()}
    for top in tops:
        for path in top.rglob("*"):
            parts = path.relative_to(root).parts
            if any(part.startswith((".", "__pycache__", "#")) for part in parts):
                continue
            if path.name.endswith(DERIVED_SUFFIXES) or path.is_symlink() or not path.is_file():
                continue
            if any(path.resolve().is_relative_to(folder) for folder in uploads):
                continue
            yield path
    for name in SOURCE_FILES:
        if (root / name).is_file():
            yield root / name
