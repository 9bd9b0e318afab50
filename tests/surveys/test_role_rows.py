"""The shared role-matrix rows for this app's URLs (and its admin pages), checked on
their own: the full matrix in tests/test_role_matrix.py also needs every other app."""

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


@pytest.mark.django_db
@pytest.mark.usefixtures("matrix_objects")
def test_survey_urls_match_the_role_matrix(network, client_as):
    mismatches = []
    checked = 0
    for name, route, pattern in all_patterns():
        if not name or not name.startswith(("surveys:", "admin:surveys_")):
            continue
        checked += 1
        expectation = expected_for(key_of(name, route))
        url = url_for(name, route, pattern, network)
        for role in ROLES:
            actual = outcome(client_as(network.user(role)).get(url))
            if actual != expectation[role]:
                mismatches.append(
                    f"{name} {url} as {role}: expected {expectation[role]}, got {actual}"
                )
    assert checked == 12 + 6 * 5  # 12 pages; 5 admin views for each of 6 models
    assert mismatches == [], "\n".join(mismatches)
