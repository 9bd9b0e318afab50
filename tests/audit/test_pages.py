"""The trail's pages: per role, per object and per person, filters, CSV export, query
counts, and that nobody can edit or delete an entry through the site."""

import csv
import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from audit import services
from audit.models import AuditEntry
from hubs.models import Ticket
from members.models import FocalPoint, Leader
from tests.factories import CityFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = AuditEntry.Kind
TRAIL_PAGES = ["audit:trail", "audit:person", "audit:object", "audit:export"]


def url(name, net):
    args = {
        "audit:person": [net.users["focal_a"].pk],
        "audit:object": ["members.city", net.city_a.pk],
    }.get(name, [])
    return reverse(name, args=args)


@pytest.mark.parametrize("name", TRAIL_PAGES)
@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("focal_a", 403),
        ("focal_b", 403),
        ("hub_a", 403),
        ("hub_b", 403),
        ("committee", 403),
        ("mu", 200),
        ("admin", 200),
    ],
)
def test_only_the_management_unit_and_administrators_read_the_trail(
    network, client_as, name, role, expected
):
    response = client_as(network.user(role)).get(url(name, network))
    assert response.status_code == expected
    if expected == 302:
        assert "/accounts/login/" in response["Location"]


def test_staff_without_mfa_are_sent_to_set_it_up_first(network, client_as):
    mu = UserFactory(is_management_unit=True)
    response = client_as(mu).get(reverse("audit:trail"))
    assert response.status_code == 302 and "/2fa/totp/activate/" in response["Location"]


def test_the_trail_shows_who_what_before_and_after(network, client_as):
    city = network.city_a
    city.hub = network.hub_b
    city.save()
    page = client_as(network.users["mu"]).get(reverse("audit:trail"), {"kind": "role_change"})
    html = page.content.decode()
    row = next(r for r in page.context["rows"] if r.entry.object_pk == str(city.pk))
    hub_change = next(c for c in row.changes if c.label == "regional hub")
    # foreign keys are shown by name, not by id
    assert (hub_change.before, hub_change.after) == (str(network.hub_a), str(network.hub_b))
    assert str(network.hub_b) in html
    assert reverse("audit:object", args=["members.city", city.pk]) in html


def test_filters_by_kind_and_date(network, client_as):
    old = services.record(Kind.EXPORT, summary="old.csv")
    AuditEntry.objects.filter(pk=old.pk).update(timestamp=timezone.now() - datetime.timedelta(10))
    services.record(Kind.EXPORT, summary="new.csv")
    client = client_as(network.users["mu"])
    today = timezone.localdate()
    page = client.get(reverse("audit:trail"), {"kind": "export", "date_from": str(today)})
    assert [r.entry.object_repr for r in page.context["rows"]] == ["new.csv"]
    earlier = today - datetime.timedelta(days=9)
    page = client.get(reverse("audit:trail"), {"kind": "export", "date_to": str(earlier)})
    assert [r.entry.object_repr for r in page.context["rows"]] == ["old.csv"]
    page = client.get(reverse("audit:trail"), {"kind": "change"})
    assert all(r.entry.kind == "change" for r in page.context["rows"])


def test_a_wrong_date_range_is_explained_and_kept(network, client_as):
    page = client_as(network.users["mu"]).get(
        reverse("audit:trail"), {"date_from": "2026-05-10", "date_to": "2026-05-01"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "The end date cannot be before the start date." in html
    assert 'value="2026-05-10"' in html
    bad = client_as(network.users["mu"]).get(reverse("audit:trail"), {"date_from": "not a date"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_a_person_trail_has_what_they_did_and_what_was_done_to_them(network, client_as):
    focal = network.users["focal_a"]
    services.record(Kind.EXPORT, actor=focal, summary="theirs.csv")
    services.record(Kind.MFA_RESET, subject_user=focal, summary="about them")
    services.record(Kind.EXPORT, actor=network.users["focal_b"], summary="someone else's")
    page = client_as(network.users["mu"]).get(reverse("audit:person", args=[focal.pk]))
    shown = {r.entry.object_repr for r in page.context["rows"]}
    assert {"theirs.csv", "about them"} <= shown
    assert "someone else's" not in shown
    # the focal point's binding to the city, made by the fixture
    assert "focalpoint" in {r.model_label.split(".")[-1] for r in page.context["rows"]}


def test_a_city_trail_includes_its_leaders_and_focal_points(network, client_as):
    city = network.city_a
    Leader.objects.create(
        city=city, name="Fictional Mayor", title_en="Mayor", term_start=datetime.date(2025, 1, 1)
    )
    Leader.objects.create(
        city=network.city_b,
        name="Other Mayor",
        title_en="Mayor",
        term_start=datetime.date(2025, 1, 1),
    )
    page = client_as(network.users["admin"]).get(
        reverse("audit:object", args=["members.city", city.pk])
    )
    models = {r.model_label.split(".")[-1] for r in page.context["rows"]}
    assert {"city", "leader", "focalpoint"} <= models
    assert "Other Mayor" not in page.content.decode()


def test_an_unknown_record_type_is_not_found(network, client_as):
    response = client_as(network.users["mu"]).get(reverse("audit:object", args=["no.such", 1]))
    assert response.status_code == 404


def test_the_csv_export_has_the_filtered_entries_and_is_itself_recorded(network, client_as):
    services.record(Kind.EXPORT, summary="report.csv", details={"export": "engagement"})
    response = client_as(network.users["mu"]).get(reverse("audit:export"), {"kind": "export"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["timestamp", "kind", "action"]
    assert [r[5] for r in rows[1:]] == ["report.csv"]
    assert AuditEntry.objects.filter(
        kind=Kind.EXPORT, additional_data__export="audit-trail"
    ).exists()


def test_a_person_export_is_limited_to_that_person(network, client_as):
    focal = network.users["focal_a"]
    services.record(Kind.EXPORT, actor=focal, summary="mine.csv")
    services.record(Kind.EXPORT, actor=network.users["focal_b"], summary="other.csv")
    response = client_as(network.users["mu"]).get(reverse("audit:export"), {"person": focal.pk})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "mine.csv" in body and "other.csv" not in body


# --- nobody edits or deletes ---------------------------------------------------------


def test_the_admin_shows_entries_read_only(network, client_as):
    entry = services.record(Kind.EXPORT, summary="x.csv")
    client = client_as(network.users["admin"])
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    found = client.get(reverse("admin:audit_auditentry_changelist"), {"q": "x.csv"})
    assert found.status_code == 200 and found.context["cl"].result_count == 1
    page = client.get(change)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.post(change, {"object_repr": "edited"}).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    bulk = client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.object_repr == "x.csv"


def test_the_management_unit_does_not_reach_the_trail_in_the_admin(network, client_as):
    response = client_as(network.users["mu"]).get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code == 403


# --- query counts ---------------------------------------------------------------------


def grow_trail(net, size):
    """`size` rounds of the usual mix: a ticket assigned, a focal point bound, an export."""
    for n in range(size):
        city = CityFactory(hub=net.hub_a)
        FocalPoint.objects.create(user=UserFactory(), city=city)
        ticket = Ticket.objects.create(
            hub=net.hub_a,
            city=city,
            opened_by=net.users["focal_a"],
            category="training",
            subject=f"Request {n}",
            description="x",
            language="en",
        )
        ticket.assignee = net.users["hub_a"]
        ticket.status = Ticket.Status.IN_PROGRESS
        ticket.save()
        services.record(Kind.EXPORT, actor=net.users["mu"], summary=f"{n}.csv")


@pytest.mark.parametrize("size", [3, 30])
def test_the_trail_list_costs_the_same_queries_at_any_size(
    network, client_as, django_assert_max_num_queries, size
):
    grow_trail(network, size)
    client = client_as(network.users["mu"])
    client.get(reverse("audit:trail"))  # warm the content type cache
    with django_assert_max_num_queries(14):
        page = client.get(reverse("audit:trail"))
    assert page.status_code == 200
    assert len(page.context["rows"]) == min(50, AuditEntry.objects.count())


def test_the_person_and_object_trails_cost_the_same_queries(
    network, client_as, django_assert_max_num_queries
):
    grow_trail(network, 20)
    client = client_as(network.users["mu"])
    ct = ContentType.objects.get_for_model(network.city_a)
    for path in (
        reverse("audit:person", args=[network.users["hub_a"].pk]),
        reverse("audit:object", args=[f"{ct.app_label}.{ct.model}", network.city_a.pk]),
    ):
        client.get(path)
        with django_assert_max_num_queries(15):
            assert client.get(path).status_code == 200
