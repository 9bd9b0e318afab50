"""Which release of the portal a process runs, for the keys of what it caches.

Rendered pages, the annual report, the engagement snapshot and the resource hub's
browsing results outlive a process in the shared cache (Redis). Without the release in
their keys, the first minutes after a deploy would serve pages rendered by the previous
release, linking static files under names the new image no longer has (unstyled pages),
and would unpickle objects of an old shape into new code (errors). Each release
therefore reads and writes its own entries. The pages' generations stay shared: during
a rolling deploy, a change made on a node of either release still shows on every node.

The release is `PORTAL_RELEASE` when set, else a fingerprint of the code the process
runs: the contents of its Python modules, templates, message catalogues, static sources
and pinned requirements, by path from the project's root. Every node and worker started
from the same image or checkout computes the same one, wherever it is installed.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from django.conf import settings

# What a process serves from: a change to any of these can change a page or the shape
# of a cached object. Tests, benchmarks and documentation cannot.
SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt", ".po", ".css", ".js", ".svg", ".json"})
SOURCE_FILES = frozenset({"requirements.lock", "pyproject.toml"})
SKIPPED_DIRS = frozenset({"tests", "bench", "var", "staticfiles", "node_modules", "tmp"})


def release() -> str:
    return settings.PORTAL_RELEASE or source_fingerprint(settings.BASE_DIR)


@cache
def source_fingerprint(root: Path) -> str:
    """12 hex digits of a SHA-256 over every source file's path and contents (about 400
    files: tens of milliseconds, once per process, on its first cache access)."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorted in place, so the walk's order, and the digest, never depend on the disk.
        dirnames[:] = sorted(
            name
            for name in dirnames
            if name not in SKIPPED_DIRS
            and not name.startswith((".", "__"))
            and not name.endswith(".egg-info")  # written by pip install, not source
        )
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if path.suffix not in SOURCE_SUFFIXES and name not in SOURCE_FILES:
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]
