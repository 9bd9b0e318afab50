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
by path from the project's root. It is taken once, when the process starts
(StrongCitiesConfig.ready), so a checkout changed under a running worker does not make
it store old-shaped objects under the new release's name; every node and worker started
from the same image or commit takes the same one, wherever it is installed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings

# Besides the apps: what pages are made of, and what the code runs on.
SOURCE_DIRS = ("templates", "static", "locale")
SOURCE_FILES = ("requirements.lock", "pyproject.toml")
# Made from the sources on each machine (bytecode, compiled catalogues) or by editors.
DERIVED_SUFFIXES = (".pyc", ".mo", "~", ".swp")

_current: str | None = None


def release() -> str:
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


def source_fingerprint(root: Path, *, apps, uploads=()) -> str:
    """12 hex digits of a SHA-256 over the path and contents of every source file (about
    500: tens of milliseconds). `apps`: the installed apps' package names (those in
    `root` are the project's own); `uploads`: folders of uploaded files, never source."""
    digest = hashlib.sha256()
    for path in sorted(_source_files(root, apps, uploads)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError as error:  # unreadable here: named, so every process agrees
            digest.update(f"unreadable: {error.strerror}".encode())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


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
