"""The shared role-matrix rows for the audit trail and personal data URLs, checked on
their own (the full matrix in tests/test_role_matrix.py needs every app's objects)."""

import pytest

from tests.conftest import ROLES
from tests.test_role_matrix import (  # noqa: F401 (matrix_objects is a fixture)
    all_patterns,
    expected_for,
    key_of,
    matrix_objects,
    outcome,
    url_for,
)

PREFIXES = ("audit:", "privacy:", "admin:audit_")


@pytest.mark.django_db
@pytest.mark.usefixtures("matrix_objects")
def test_audit_and_privacy_urls_match_the_role_matrix(network, client_as):
    mismatches = []
    checked = []
    for name, route, pattern in all_patterns():
        if not name or not name.startswith(PREFIXES):
            continue
        checked.append(name)
        expectation = expected_for(key_of(name, route))
        assert expectation is not None, f"{name} has no row in tests/role_matrix_expected.py"
        url = url_for(name, route, pattern, network)
        for role in ROLES:
            actual = outcome(client_as(network.user(role)).get(url))
            if actual != expectation[role]:
                mismatches.append(
                    f"{name} {url} as {role}: expected {expectation[role]}, got {actual}"
                )
    # four trail pages, four personal data pages, five admin pages
    assert len(checked) == 13, checked
    assert mismatches == [], "\n".join(mismatches)
