"""The one place that answers "may this user do X (to this object)?".

Views, templates ({% can %}), the API (CanPermission) and the admin gate all ask
`can()`, and list pages ask the `*_visible_to()` scopes, so a rule changes here only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone


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

    bindings: dict[str, set[int]] = {"city": set(), "hub": set(), "committee": set()}
    for pk, tag in _binding_rows(user.pk, timezone.localdate()):
        bindings[tag].add(pk)
    roles: set[Role] = set()
    city_ids = frozenset(bindings["city"])
    hub_ids = frozenset(bindings["hub"])
    if city_ids:
        roles.add(Role.FOCAL_POINT)
    if hub_ids:
        roles.add(Role.HUB_STAFF)
    if user.is_management_unit:
        roles.add(Role.MANAGEMENT_UNIT)
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    if bindings["committee"]:
        roles.add(Role.COMMITTEE_MEMBER)
    grants = Grants(roles=frozenset(roles), city_ids=city_ids, hub_ids=hub_ids)
    user._portal_grants = grants
    return grants


def _bindings_queryset(user_id: int, day: date) -> QuerySet:
    """(bound id, "city" | "hub" | "committee") of every active binding of the user,
    in one query: this runs on every signed-in request."""
    from django.db.models import CharField, F, Value

    from hubs.models import HubStaff
    from members.models import FocalPoint
    from steering.models import CommitteeMember

    def tagged(queryset, column, tag):
        # Both columns as annotations, defined in the same order, so UNION lines them up.
        return (
            queryset.order_by()
            .annotate(bound_id=F(column), tag=Value(tag, output_field=CharField()))
            .values_list("bound_id", "tag")
        )

    # modeltranslation's values_list() reorders annotations on translated models
    committee = CommitteeMember.objects.rewrite(False).active(on=day).filter(user_id=user_id)
    return tagged(
        FocalPoint.objects.filter(user_id=user_id, is_active=True), "city_id", "city"
    ).union(
        tagged(HubStaff.objects.filter(user_id=user_id, is_active=True), "hub_id", "hub"),
        tagged(committee, "pk", "committee"),
        all=True,
    )


# Building and compiling that queryset took most of the time of grants_for(), so it is
# compiled once per process with stand-in values for the user and the day, which each
# call then replaces in the parameters: the same SQL as the queryset, without the ORM.
_STAND_IN_USER = -730_119_467  # no user has a negative id
_STAND_IN_DAY = date(1901, 2, 3)
_compiled_bindings: dict[str, tuple[str, list, list[int], list[int]] | None] = {}


def _binding_rows(user_id: int, day: date) -> list[tuple[int, str]]:
    vendor = connection.vendor
    if vendor not in _compiled_bindings:
        sql, params = _bindings_queryset(_STAND_IN_USER, _STAND_IN_DAY).query.sql_with_params()
        params = list(params)
        user_slots = [i for i, value in enumerate(params) if value == _STAND_IN_USER]
        day_slots = [i for i, value in enumerate(params) if value == _STAND_IN_DAY]
        # Every other parameter (the tags) is the same for everyone. Should a database
        # adapt a stand-in out of recognition (a date as text), the queryset each time.
        complete = len(user_slots) == 3 and len(day_slots) == 2
        _compiled_bindings[vendor] = (sql, params, user_slots, day_slots) if complete else None
    compiled = _compiled_bindings[vendor]
    if compiled is None:
        return list(_bindings_queryset(user_id, day))
    sql, params, user_slots, day_slots = compiled
    params = list(params)
    for i in user_slots:
        params[i] = user_id
    for i in day_slots:
        params[i] = day
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def forget_grants(user) -> None:
    """Call after changing a user's bindings within the same request."""
    if hasattr(user, "_portal_grants"):
        del user._portal_grants


def requires_mfa(user) -> bool:
    return bool(grants_for(user).roles & STAFF_ROLES)


def has_mfa(user) -> bool:
    from allauth.mfa.utils import is_mfa_enabled

    return user.is_authenticated and is_mfa_enabled(user)


def sign_in_is_audited(user) -> bool:
    """Whether the audit trail records this person's sign-ins: those of everyone who
    sees other people's data. That is the staff roles, and also admin-site access
    (is_staff) even without a role: the admin site lists and edits every record."""
    return requires_mfa(user) or user.is_staff or user.is_superuser


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


def _approve_colleague(g: Grants, invitation=None) -> bool:
    """Management Unit staff, or staff of the hub of the city the colleague would join."""
    if g.is_central:
        return True
    if invitation is None:
        return Role.HUB_STAFF in g.roles
    return invitation.city is not None and invitation.city.hub_id in g.hub_ids


def _hub_internals(g: Grants, hub) -> bool:
    return g.is_central or hub.pk in g.hub_ids


def _committee_papers(g: Grants, obj=None) -> bool:
    return g.is_central or Role.COMMITTEE_MEMBER in g.roles


def _signed_in(g: Grants, obj=None) -> bool:
    return True


def _administrator(g: Grants, obj=None) -> bool:
    return Role.ADMINISTRATOR in g.roles


# --- helpdesk and support fund (hubs app): obj is a Ticket or SupportFundRequest ---


def _use_helpdesk(g: Grants, obj=None) -> bool:
    return g.is_central or bool(g.city_ids or g.hub_ids)


def _open_ticket(g: Grants, obj=None) -> bool:
    return bool(g.city_ids)


def _sees_hub_or_city_record(g: Grants, record) -> bool:
    return g.is_central or record.hub_id in g.hub_ids or record.city_id in g.city_ids


def _staff_of_record_hub(g: Grants, record) -> bool:
    """Answer, add internal notes, assign, deliver: the record's hub or the MU."""
    return g.is_central or record.hub_id in g.hub_ids


def _request_support_fund(g: Grants, obj=None) -> bool:
    """A focal point applies for its city, or hub staff apply for one of their cities."""
    return bool(g.city_ids or g.hub_ids)


def _see_exchange(g: Grants, exchange) -> bool:
    """The MU, the hub that brokers it, and the focal points of every city taking part."""
    if _sees_hub_or_city_record(g, exchange):
        return True
    return any(peer.pk in g.city_ids for peer in exchange.peers.all())


def _view_ticket_attachment(g: Grants, attachment) -> bool:
    """Whoever sees the request; a file on an internal note only the hub's staff and the MU."""
    ticket = attachment.ticket
    if not _sees_hub_or_city_record(g, ticket):
        return False
    return attachment.is_public or _staff_of_record_hub(g, ticket)


def _act_for_ticket_city(g: Grants, ticket) -> bool:
    """Reply as the city, reopen, rate: any active focal point of the ticket's city."""
    return ticket.city_id in g.city_ids


# --- events (events app): obj is an events.Event ---


def _manage_events(g: Grants, event=None) -> bool:
    """Participant lists, approvals, attendance: the MU, or the organising hub's staff."""
    if event is None:
        return g.is_central or Role.HUB_STAFF in g.roles
    return g.is_central or (event.hub_id is not None and event.hub_id in g.hub_ids)


def _view_event(g: Grants, event) -> bool:
    """Drafts only for organisers; members-only and invitation-only events for the network."""
    if not event.is_published:
        return _manage_events(g, event)
    if event.audience == "public":
        return True
    return bool(g.roles)


def _register_for_event(g: Grants, event) -> bool:
    """Public events: anyone signed in; the others: people of the network."""
    if not event.is_published:
        return False
    return event.audience == "public" or bool(g.roles)


# --- resource hub (resources app) ---


def _view_resource(g: Grants, resource) -> bool:
    """Published resources (and their files) are public; drafts, those in review and
    archived ones only for the Management Unit."""
    return resource.is_public or g.is_central


def _submit_resource(g: Grants, obj=None) -> bool:
    """A focal point shares its city's policies and practices; obj, if given, is the city."""
    return bool(g.city_ids) and (obj is None or obj.pk in g.city_ids)


# --- surveys (surveys app): obj, if given, is the city answering ---


def _answer_survey(g: Grants, city=None) -> bool:
    """Any active focal point of the city answers its survey response."""
    return bool(g.city_ids) and (city is None or city.pk in g.city_ids)


RULES: dict[str, Rule] = {
    "resources.view": _view_resource,
    "resources.submit": _submit_resource,
    "resources.manage": _central,
    "portal.view_account": _signed_in,
    "portal.view_dashboard": _central_or_hub_staff,
    "portal.use_admin": _central,
    "portal.view_status": _central,
    "accounts.invite": _central,
    "members.view_city": _view_city,
    "members.view_city_internals": _see_city_internals,
    "members.edit_city": _edit_city,
    "members.view_engagement": _central_or_hub_staff,
    "members.manage_expectations": _central,
    "members.import": _central,
    "members.approve_colleague": _approve_colleague,
    "hubs.view_internals": _hub_internals,
    "hubs.request_support_fund": _request_support_fund,
    "hubs.view_support_fund": _sees_hub_or_city_record,
    "hubs.decide_support_fund": _central,
    "hubs.deliver_support_fund": _staff_of_record_hub,
    "hubs.request_exchange": _open_ticket,
    "hubs.view_exchange": _see_exchange,
    "hubs.broker_exchange": _staff_of_record_hub,
    "helpdesk.use": _use_helpdesk,
    "helpdesk.open_ticket": _open_ticket,
    "helpdesk.view_ticket": _sees_hub_or_city_record,
    "helpdesk.handle_ticket": _staff_of_record_hub,
    "helpdesk.act_for_city": _act_for_ticket_city,
    "helpdesk.view_attachment": _view_ticket_attachment,
    "steering.view_restricted": _committee_papers,
    "steering.view_report": _central,
    "events.view": _view_event,
    "events.register": _register_for_event,
    "events.manage": _manage_events,
    "surveys.answer": _answer_survey,
    "surveys.view_results": _central_or_hub_staff,
    "surveys.manage": _central,
    # audit trail and personal data (audit and privacy apps)
    "audit.view_trail": _central,
    "privacy.erase_person": _administrator,
}

# Actions anyone, signed in or not, may take when the rule allows it for no grants.
ANONYMOUS_ALLOWED = {"members.view_city", "events.view", "resources.view"}


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


def engagement_scope(user) -> QuerySet:
    """Members whose engagement the user may track: all for the Management Unit,
    their own region's for hub staff, none for anyone else."""
    from members.models import City

    g = grants_for(user)
    members = City.objects.members()
    if g.is_central:
        return members
    return members.filter(hub_id__in=g.hub_ids)


def cities_editable_by(user) -> QuerySet:
    from members.models import City

    g = grants_for(user)
    if g.is_central:
        return City.objects.all()
    return City.objects.filter(pk__in=g.city_ids)


def _hub_or_city_scope(user, queryset: QuerySet) -> QuerySet:
    """Rows with `hub` and `city`: the MU sees all, hub staff their hubs', focal points
    their cities'; nobody else sees any."""
    g = grants_for(user)
    if g.is_central:
        return queryset
    if not (g.city_ids or g.hub_ids):
        return queryset.none()
    return queryset.filter(Q(hub_id__in=g.hub_ids) | Q(city_id__in=g.city_ids))


def tickets_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from hubs.models import Ticket

    return _hub_or_city_scope(user, Ticket.objects.all() if queryset is None else queryset)


def exchanges_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from hubs.models import PeerExchange

    queryset = PeerExchange.objects.all() if queryset is None else queryset
    g = grants_for(user)
    if g.is_central:
        return queryset
    if not (g.city_ids or g.hub_ids):
        return queryset.none()
    visible = queryset.filter(
        Q(hub_id__in=g.hub_ids) | Q(city_id__in=g.city_ids) | Q(peers__in=g.city_ids)
    )
    return queryset.filter(pk__in=visible.values("pk"))


def support_fund_requests_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    from hubs.models import SupportFundRequest

    queryset = SupportFundRequest.objects.all() if queryset is None else queryset
    return _hub_or_city_scope(user, queryset)


def events_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Events: the public sees published public events; the network also members-only and
    invitation-only ones; organisers (MU, the organising hub's staff) their drafts too."""
    from events.models import Event

    queryset = Event.objects.all() if queryset is None else queryset
    g = grants_for(user)
    if g.is_central:
        return queryset
    published = Q(is_published=True)
    visible = published if g.roles else published & Q(audience=Event.Audience.PUBLIC)
    if g.hub_ids:
        visible |= Q(hub_id__in=g.hub_ids)
    return queryset.filter(visible)
