"""The authorization module, role by role."""

import pytest

from members.models import City
from strongcities.permissions import (
    Role,
    can,
    cities_editable_by,
    cities_visible_to,
    grants_for,
    requires_mfa,
)
from tests.factories import CityFactory

ROLES_OF = {
    "focal_a": {Role.FOCAL_POINT},
    "focal_b": {Role.FOCAL_POINT},
    "hub_a": {Role.HUB_STAFF},
    "hub_b": {Role.HUB_STAFF},
    "mu": {Role.MANAGEMENT_UNIT},
    "committee": {Role.COMMITTEE_MEMBER},
    "admin": {Role.ADMINISTRATOR},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLES_OF))
def test_roles_come_from_bindings(network, role):
    assert grants_for(network.users[role]).roles == ROLES_OF[role]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("focal_a", True),
        ("focal_b", False),
        ("hub_a", False),
        ("hub_b", False),
        ("mu", True),
        ("committee", False),
        ("admin", True),
    ],
)
def test_only_the_citys_own_focal_point_and_central_staff_edit_a_city(network, role, expected):
    assert can(network.users[role], "members.edit_city", network.city_a) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("focal_a", True),
        ("focal_b", False),
        ("hub_a", True),
        ("hub_b", False),
        ("mu", True),
        ("committee", False),
        ("admin", True),
    ],
)
def test_city_internals_for_its_focal_point_its_hub_and_central_staff(network, role, expected):
    assert can(network.users[role], "members.view_city_internals", network.city_a) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("focal_a", False),
        ("hub_a", True),
        ("hub_b", False),
        ("mu", True),
        ("committee", False),
        ("admin", True),
    ],
)
def test_hub_internals_only_for_that_hubs_staff(network, role, expected):
    assert can(network.users[role], "hubs.view_internals", network.hub_a) is expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", False),
        ("focal_a", False),
        ("hub_a", False),
        ("mu", True),
        ("committee", True),
        ("admin", True),
    ],
)
def test_restricted_committee_papers(network, role, expected):
    assert can(network.users[role], "steering.view_restricted") is expected


@pytest.mark.django_db
def test_prospective_cities_are_hidden_from_the_public_but_not_their_hub(network):
    prospective = CityFactory(
        hub=network.hub_a, membership_status=City.MembershipStatus.PROSPECTIVE
    )
    assert not can(None, "members.view_city", prospective)
    assert not can(network.users["hub_b"], "members.view_city", prospective)
    assert can(network.users["hub_a"], "members.view_city", prospective)
    assert prospective not in cities_visible_to(network.users["focal_b"])
    assert prospective in cities_visible_to(network.users["hub_a"])
    assert prospective in cities_visible_to(network.users["mu"])


@pytest.mark.django_db
def test_editable_cities_scope(network):
    assert list(cities_editable_by(network.users["focal_a"])) == [network.city_a]
    assert list(cities_editable_by(network.users["hub_a"])) == []
    assert cities_editable_by(network.users["mu"]).count() == City.objects.count()


@pytest.mark.django_db
def test_a_deactivated_focal_point_loses_the_city(network):
    user = network.users["focal_a"]
    user.focal_points.update(is_active=False)
    user = type(user).objects.get(pk=user.pk)
    assert not can(user, "members.edit_city", network.city_a)


@pytest.mark.django_db
def test_inactive_accounts_can_do_nothing(network):
    user = network.users["mu"]
    user.is_active = False
    assert not can(user, "portal.view_dashboard")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("focal_a", False), ("committee", False), ("hub_a", True), ("mu", True), ("admin", True)],
)
def test_mfa_is_required_for_staff_roles(network, role, expected):
    assert requires_mfa(network.users[role]) is expected


def test_unknown_actions_are_a_programming_error():
    with pytest.raises(ValueError):
        can(None, "members.fly_to_the_moon")


@pytest.mark.django_db
def test_one_person_holding_every_binding_gets_every_role_in_one_query(
    network, django_assert_num_queries
):
    from strongcities.permissions import Role, grants_for
    from tests.factories import CommitteeMemberFactory, FocalPointFactory, HubStaffFactory

    person = network.users["focal_a"]
    FocalPointFactory(city=network.city_b, user=person, is_primary=False)
    HubStaffFactory(hub=network.hub_b, user=person)
    CommitteeMemberFactory(city=network.city_a, user=person)
    with django_assert_num_queries(1):
        grants = grants_for(person)
    assert grants.roles == {Role.FOCAL_POINT, Role.HUB_STAFF, Role.COMMITTEE_MEMBER}
    assert grants.city_ids == {network.city_a.pk, network.city_b.pk}
    assert grants.hub_ids == {network.hub_b.pk}


@pytest.mark.django_db
def test_bindings_read_with_the_compiled_query_are_those_of_the_queryset(network):
    """grants_for() runs the bindings query compiled once, with the user and the day put
    in: it answers what the queryset itself answers, for every person and past mandates."""
    from datetime import date, timedelta

    from django.utils import timezone

    from strongcities.permissions import _binding_rows, _bindings_queryset
    from tests.factories import CommitteeMemberFactory, FocalPointFactory

    today = timezone.localdate()
    person = network.users["focal_a"]
    FocalPointFactory(city=network.city_b, user=person, is_primary=False, is_active=False)
    CommitteeMemberFactory(
        city=network.city_a,
        user=person,
        term_start=today - timedelta(days=400),
        term_end=today - timedelta(days=1),
    )
    for day in (today, today - timedelta(days=2), date(2001, 1, 1)):
        for user in network.users.values():
            if user is None:
                continue
            expected = sorted(_bindings_queryset(user.pk, day))
            assert sorted(_binding_rows(user.pk, day)) == expected
    assert sorted(_binding_rows(person.pk, today - timedelta(days=2))) == sorted(
        [(network.city_a.pk, "city"), (person.committee_seats.get().pk, "committee")]
    )
