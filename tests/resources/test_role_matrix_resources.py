"""The shared role matrix, run for the resource hub's URLs only (fast, and independent of
other apps' fixtures): every resource page and API endpoint as every role."""

import pytest

from tests.conftest import ROLES
from tests.role_matrix_expected import EXPECTED
from tests.test_role_matrix import (  # noqa: F401 - matrix_objects is a fixture
    all_patterns,
    expected_for,
    key_of,
    matrix_objects,
    outcome,
    url_for,
)


@pytest.mark.django_db
def test_resource_urls_answer_every_role_as_the_matrix_expects(matrix_objects, client_as):  # noqa: F811
    network = matrix_objects  # includes a draft resource with the slug "draft"
    mismatches, checked = [], 0
    for name, route, pattern in all_patterns():
        key = key_of(name, route)
        if not (key.startswith("resources:") or key.startswith("api:resource")):
            continue
        expectation = expected_for(key)
        url = url_for(name, route, pattern, network)
        checked += 1
        for role in ROLES:
            actual = outcome(client_as(network.user(role)).get(url))
            if actual != expectation[role]:
                mismatches.append(
                    f"{key} {url} as {role}: expected {expectation[role]}, got {actual}"
                )
    assert checked == 8
    assert mismatches == [], "\n".join(mismatches)
    assert "resources:resource-detail" in EXPECTED
