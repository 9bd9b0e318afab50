"""Every view that answers with a CSV, XLSX, ZIP or PDF export records it in the trail:
a new export view without @audited_export fails here."""

import inspect

from django.urls import URLPattern, URLResolver, get_resolver

EXPORT_MARKERS = ("text/csv", "spreadsheetml", "application/zip", "application/pdf")
# Downloads that are documents, not exports of the portal's records.
NOT_EXPORTS = {
    "events:certificate": "a participant's own certificate of attendance",
}


def views(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if pattern.namespace and namespace:
                ns = f"{namespace}:{pattern.namespace}"
            yield from views(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, pattern.callback


def is_audited(callback) -> bool:
    function = callback
    while function is not None:
        if getattr(function, "audited_export", None):
            return True
        function = getattr(function, "__wrapped__", None)
    return False


def source_of(callback) -> str:
    try:
        return inspect.getsource(inspect.unwrap(callback))
    except (OSError, TypeError):
        return ""


def test_every_export_view_is_audited():
    exports, missing = [], []
    for name, callback in views(get_resolver().url_patterns):
        source = source_of(callback)
        if not any(marker in source for marker in EXPORT_MARKERS) or name in NOT_EXPORTS:
            continue
        exports.append(name)
        if not is_audited(callback):
            missing.append(name)
    assert missing == [], f"Add @audited_export to these export views: {missing}"
    # the check looks at the views it should (it would pass vacuously otherwise)
    assert {
        "engagement:export",
        "events:participants-csv",
        "surveys:export",
        "report:tables",
        "report:pdf",
        "audit:export",
    } <= set(exports)
