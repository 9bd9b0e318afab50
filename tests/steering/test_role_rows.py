"""The steering rows of tests/role_matrix_expected.py, checked with real objects.

tests/test_role_matrix.py walks every URL; the objects and URL arguments it needs
for the steering URLs come from tests/steering/matrix.py.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import ROLES
from tests.steering.matrix import add_steering_matrix_objects, steering_url_kwargs
from tests.test_role_matrix import all_patterns, expected_for, outcome


def steering_names():
    return sorted(
        {
            name
            for name, _route, _pattern in all_patterns()
            if name and (name.startswith("steering:") or name.startswith("api:steering-"))
        }
    )


def test_pages_and_api_of_steering_are_all_walked():
    assert {
        "steering:committee",
        "steering:meeting-detail",
        "steering:paper-download",
        "api:steering-meeting-detail",
        "api:steering-plan-detail",
        "api:steering-member-list",
    } <= set(steering_names())


@pytest.mark.django_db
def test_every_steering_url_answers_each_role_as_the_matrix_expects(network, client_as):
    add_steering_matrix_objects(network)
    kwargs_by_name = steering_url_kwargs(network)
    mismatches = []
    for name in steering_names():
        expectation = expected_for(name)
        assert expectation is not None, name
        with translation.override("en"):
            url = reverse(name, kwargs=kwargs_by_name.get(name, {}))
        for role in ROLES:
            actual = outcome(client_as(network.user(role)).get(url))
            if actual != expectation[role]:
                mismatches.append(f"{url} as {role}: expected {expectation[role]}, got {actual}")
    assert mismatches == [], "\n".join(mismatches)
