"""The one place that answers "may this user do X (to this object)?".

Views, templates ({% can %}), the API (CanPermission) and the admin gate all ask
`can()`, and list pages ask the `*_visible_to()` scopes, so a rule changes here only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q, QuerySet


class Role(StrEnum):
    FOCAL_POINT = "focal_point"
    HUB_STAFF = "hub_staff"
    MANAGEMENT_UNIT = "management_unit"
    COMMITTEE_MEMBER = "committee_member"
    ADMINISTRATOR = "administrator"


# People in these roles see other people's data, so they must use MFA.
STAFF_ROLES = frozenset({Role.HUB_STAFF, Role.MANAGEMENT_UNIT, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Grants:
    roles: frozenset[Role]
    city_ids: frozenset[int]  # cities the user is an active focal point of
    hub_ids: frozenset[int]  # hubs the user is active staff of

    @property
    def is_central(self) -> bool:
        """Management Unit staff and administrators act across the whole network."""
        return bool(self.roles & {Role.MANAGEMENT_UNIT, Role.ADMINISTRATOR})


NO_GRANTS = Grants(roles=frozenset(), city_ids=frozenset(), hub_ids=frozenset())


def grants_for(user) -> Grants:
    """The user's roles and scopes, computed once per request (cached on the user)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NO_GRANTS
    cached = getattr(user, "_portal_grants", None)
    if cached is not None:
        return cached

    from hubs.models import HubStaff
    from members.models import FocalPoint
    from steering.models import CommitteeMember

    roles: set[Role] = set()
    city_ids = frozenset(
        FocalPoint.objects.filter(user=user, is_active=True).values_list("city_id", flat=True)
    )
    hub_ids = frozenset(
        HubStaff.objects.filter(user=user, is_active=True).values_list("hub_id", flat=True)
    )
    if city_ids:
        roles.add(Role.FOCAL_POINT)
    if hub_ids:
        roles.add(Role.HUB_STAFF)
    if user.is_management_unit:
        roles.add(Role.MANAGEMENT_UNIT)
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    if CommitteeMember.objects.active().filter(user=user).exists():
        roles.add(Role.COMMITTEE_MEMBER)
    grants = Grants(roles=frozenset(roles), city_ids=city_ids, hub_ids=hub_ids)
    user._portal_grants = grants
    return grants


def forget_grants(user) -> None:
    """Call after changing a user's bindings within the same request."""
    if hasattr(user, "_portal_grants"):
        del user._portal_grants


def requires_mfa(user) -> bool:
    return bool(grants_for(user).roles & STAFF_ROLES)


def has_mfa(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return user.is_authenticated and is_mfa_enabled(user)


# --- rules -------------------------------------------------------------------

Rule = Callable[[Grants, object], bool]


def _central(g: Grants, obj=None) -> bool:
    return g.is_central


def _central_or_hub_staff(g: Grants, obj=None) -> bool:
    return g.is_central or Role.HUB_STAFF in g.roles


def _city_is_public(city) -> bool:
    from members.models import City

    return city.membership_status in {City.MembershipStatus.MEMBER, City.MembershipStatus.SUSPENDED}


def _view_city(g: Grants, city) -> bool:
    return _city_is_public(city) or _see_city_internals(g, city)


def _see_city_internals(g: Grants, city) -> bool:
    return g.is_central or city.pk in g.city_ids or (city.hub_id in g.hub_ids)


def _edit_city(g: Grants, city) -> bool:
    return g.is_central or city.pk in g.city_ids


def _hub_internals(g: Grants, hub) -> bool:
    return g.is_central or hub.pk in g.hub_ids


def _committee_papers(g: Grants, obj=None) -> bool:
    return g.is_central or Role.COMMITTEE_MEMBER in g.roles


def _signed_in(g: Grants, obj=None) -> bool:
    return True


RULES: dict[str, Rule] = {
    "portal.view_account": _signed_in,
    "portal.view_dashboard": _central_or_hub_staff,
    "portal.use_admin": _central,
    "accounts.invite": _central,
    "members.view_city": _view_city,
    "members.view_city_internals": _see_city_internals,
    "members.edit_city": _edit_city,
    "hubs.view_internals": _hub_internals,
    "steering.view_restricted": _committee_papers,
}

# Actions anyone, signed in or not, may take when the rule allows it for no grants.
ANONYMOUS_ALLOWED = {"members.view_city"}


def can(user, action: str, obj=None) -> bool:
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action {action!r}; add it to RULES") from None
    if user is None or not user.is_authenticated:
        return action in ANONYMOUS_ALLOWED and rule(NO_GRANTS, obj)
    if not user.is_active:
        return False
    return rule(grants_for(user), obj)


# --- scopes: querysets of what a user may see ----------------------------------


def cities_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from members.models import City

    queryset = City.objects.all() if queryset is None else queryset
    public = queryset.publicly_listed()
    g = grants_for(user)
    if g.is_central:
        return queryset
    if not (g.city_ids or g.hub_ids):
        return public
    return queryset.filter(
        Q(pk__in=public.values("pk")) | Q(pk__in=g.city_ids) | Q(hub_id__in=g.hub_ids)
    )


def cities_editable_by(user) -> QuerySet:
    from members.models import City

    g = grants_for(user)
    if g.is_central:
        return City.objects.all()
    return City.objects.filter(pk__in=g.city_ids)
