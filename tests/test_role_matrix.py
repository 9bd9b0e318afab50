"""Every URL of the project, requested as every role, against tests/role_matrix_expected.py.

A URL pattern without an entry in the expected table fails, so nobody adds a page
without deciding who may see it.
"""

import datetime
import fnmatch
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, SolarSchedule

from events.models import Event
from members.models import GuidingPrinciples, StrategicPriority, ThematicArea
from resources.models import Resource
from strongcities.models import Invitation
from tests.audit.matrix import audit_url_kwargs
from tests.conftest import ROLES
from tests.events.matrix import add_events_matrix_objects, events_url_kwargs
from tests.hubs.matrix import add_hubs_matrix_objects, hubs_url_kwargs
from tests.private_files_matrix import add_private_files_matrix_objects, private_files_url_kwargs
from tests.role_matrix_expected import EXPECTED, LOGIN, MFA, OK
from tests.steering.matrix import add_steering_matrix_objects, steering_url_kwargs
from tests.surveys.matrix import add_surveys_matrix_objects, surveys_url_kwargs


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, prefix + str(pattern.pattern), pattern


def all_patterns():
    with translation.override("en"):
        return list(walk(get_resolver().url_patterns))


def key_of(name, route):
    return name or route


def expected_for(key):
    for glob, expectation in EXPECTED.items():
        if fnmatch.fnmatchcase(key, glob):
            return expectation
    return None


def test_every_url_pattern_has_an_expectation():
    missing = sorted(
        {key_of(n, r) for n, r, _ in all_patterns() if expected_for(key_of(n, r)) is None}
    )
    assert missing == [], f"Add these URL patterns to tests/role_matrix_expected.py: {missing}"


def test_expected_table_has_no_catch_all():
    assert "*" not in EXPECTED
    for expectation in EXPECTED.values():
        assert set(expectation) == set(ROLES)


ADMIN_ROUTE = re.compile(r"^admin/(?P<app>\w+)/(?P<model>\w+)/")


@pytest.fixture
def matrix_objects(network):
    """At least one row of every model the admin shows, so object URLs resolve."""
    now = timezone.now()
    Resource.objects.create(slug="draft", kind="toolkit", title_en="Draft")
    Event.objects.create(
        slug="e", kind="workshop", format="online", title_en="E", starts_at=now, ends_at=now
    )
    principles = GuidingPrinciples.objects.create(
        version=1, text_en="x", published_on=datetime.date.today()
    )
    add_members_matrix_objects(network, principles)
    StrategicPriority.objects.create(number=1, name_en="p")
    ThematicArea.objects.create(slug="t", name_en="t")
    Invitation.objects.create(
        email="new@example.org",
        display_name="N",
        role="focal_point",
        city=network.city_a,
        expires_at=now + datetime.timedelta(days=1),
        sent_at=now,
    )
    ClockedSchedule.objects.create(clocked_time=now)
    CrontabSchedule.objects.create()
    SolarSchedule.objects.create(event="sunrise", latitude=0, longitude=0)
    add_hubs_matrix_objects(network)
    add_private_files_matrix_objects(network)
    add_events_matrix_objects(network)
    add_surveys_matrix_objects(network)
    add_steering_matrix_objects(network)
    return network


def add_members_matrix_objects(net, principles):
    from members import services
    from members.models import ContinuityAlert, FocalPointHandover, PrinciplesAgreement

    services.record_engagement(
        city=net.city_a, kind="event_attended", occurred_on=datetime.date.today()
    )
    services.set_agreed_expectations(
        city=net.city_a, year=2026, additional=["answer_surveys"], updated_by=net.users["mu"]
    )
    services.change_leader(
        city=net.city_a, name="Fictional Mayor", title="Mayor", term_start=datetime.date(2024, 1, 1)
    )
    PrinciplesAgreement.objects.create(
        city=net.city_a, principles=principles, agreed_by_name="Fictional Person"
    )
    FocalPointHandover.objects.create(city=net.city_a)
    ContinuityAlert.objects.create(city=net.city_b, reason="none_left")


def object_id_for(route):
    match = ADMIN_ROUTE.match(route)
    model = apps.get_model(match["app"], match["model"])
    return str(model._default_manager.order_by("pk").first().pk)


def url_for(name, route, pattern, net):
    """A concrete URL for a pattern, filling its arguments from the test network."""
    params = set(pattern.pattern.regex.groupindex)
    if route == "admin/(?P<url>.*)$":
        return "/admin/no-such-page/"
    if route.startswith("^media/"):
        return "/media/nothing-here.txt"
    if name == "admin:view_on_site":
        return "/admin/r/1/1/"
    if route.startswith("admin/") and params:
        object_id = object_id_for(route) if ADMIN_ROUTE.match(route) else None
        values = {"object_id": object_id, "id": object_id, "app_label": "members"}
        if name is None:
            return "/" + route.replace("<path:object_id>", object_id)
        return reverse(name, kwargs={key: values[key] for key in params})
    kwargs = {
        **members_url_kwargs(net),
        **steering_url_kwargs(net),
        "hubs:hub-detail": {"slug": net.hub_a.slug},
        "api:hub-detail": {"slug": net.hub_a.slug},
        "api:city-detail": {"ref": f"{net.city_a.country.code.lower()}/city-a"},
        "resources:resource-detail": {"slug": "draft"},
        "api:resource-detail": {"slug": "draft"},
        "accept-invitation": {"token": "not-a-real-token"},
        **hubs_url_kwargs(net),
        **private_files_url_kwargs(net),
        **events_url_kwargs(net),
        **surveys_url_kwargs(net),
        **audit_url_kwargs(net),
        "account_confirm_email": {"key": "not-a-real-key"},
        "account_reset_password_from_key": {"uidb36": "0", "key": "not-a-real-key"},
    }.get(name, {})
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def members_url_kwargs(net):
    city_a = {"country": net.city_a.country.code.lower(), "slug": net.city_a.slug}
    names = [
        "members:city-detail",
        "members:city-edit",
        "members:city-agree",
        "members:city-invite-colleague",
        "members:city-history",
        "members:city-handover",
        "engagement:city",
        "engagement:expectations",
    ]
    return {
        **dict.fromkeys(names, city_a),
        "engagement:export": {"fmt": "csv"},
        "engagement:colleague-request-decide": {"pk": Invitation.objects.first().pk},
        "api:my-city-detail": {"ref": f"{net.city_a.country.code.lower()}/{net.city_a.slug}"},
    }


def outcome(response):
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        if "/accounts/login/" in location:
            return LOGIN
        if "/accounts/2fa/totp/activate/" in location:
            return MFA
        return "redirect"
    return {200: OK, 403: "forbidden", 404: "missing", 405: "method"}.get(status, str(status))


@pytest.mark.django_db
def test_role_matrix(matrix_objects, client_as):
    net = matrix_objects
    mismatches = []
    for name, route, pattern in all_patterns():
        key = key_of(name, route)
        expectation = expected_for(key)
        url = url_for(name, route, pattern, net)
        for role in ROLES:
            response = client_as(net.user(role)).get(url)
            actual = outcome(response)
            if actual != expectation[role]:
                mismatches.append(
                    f"{key} {url} as {role}: expected {expectation[role]}, got {actual}"
                )
    assert mismatches == [], "\n".join(mismatches)
