"""The engagement dashboard reads a snapshot refreshed by a Celery task: the same
figures as judging every member live, with queries and Python work that do not grow
with the network; members added since the snapshot still count."""

from django.urls import reverse

from members import services
from members.engagement import Status
from members.tasks import refresh_engagement_snapshot
from tests.factories import CityFactory
from tests.members.test_engagement import THIS_YEAR, make_members, published_principles  # noqa: F401


def figures(response) -> dict:
    context = response.context
    return {
        "totals": context["totals"],
        "in_scope": context["filters"]["in_scope"],
        "attention": list(context["attention"]),
        "trend": context["chart"]["trend"],
        "rows": [(row.city, row.status, row.reasons) for row in context["page"]],
    }


def test_the_snapshot_gives_the_figures_judging_every_member_gives(
    network,
    client_as,
    published_principles,  # noqa: F811
):
    make_members(7, network.hub_a)
    services.agree_to_principles(city=network.city_a, user=network.users["focal_a"])
    client = client_as(network.users["mu"])
    url = reverse("engagement:dashboard")
    live = client.get(url)
    assert live.context["snapshot_at"] is None
    refresh_engagement_snapshot()
    stored = client.get(url)
    assert stored.context["snapshot_at"] is not None
    assert figures(stored) == figures(live)
    for status in Status.ALL:
        live = figures(client.get(url, {"status": status}))
        assert live["rows"] == [r for r in figures(stored)["rows"] if r[1] == status]


def test_hub_staff_read_their_region_from_the_snapshot(network, client_as):
    refresh_engagement_snapshot()
    response = client_as(network.users["hub_a"]).get(reverse("engagement:dashboard"))
    assert response.context["snapshot_at"] is not None
    cities = [row.city for row in response.context["page"]]
    assert network.city_a in cities
    assert network.city_b not in cities


def test_a_member_added_after_the_snapshot_is_counted(network, client_as):
    refresh_engagement_snapshot()
    client = client_as(network.users["mu"])
    before = client.get(reverse("engagement:dashboard")).context["totals"]["count"]
    CityFactory(hub=network.hub_a)  # no focal point: not meeting, needs attention
    response = client.get(reverse("engagement:dashboard"))
    assert response.context["totals"]["count"] == before + 1
    assert response.context["totals"]["by_status"][Status.NOT_MEETING] >= 1


def test_with_the_snapshot_the_dashboard_costs_the_same_queries_for_5_and_60_members(
    network,
    client_as,
    django_assert_max_num_queries,
    published_principles,  # noqa: F811
):
    client = client_as(network.users["mu"])
    url = reverse("engagement:dashboard")
    make_members(5, network.hub_a)
    refresh_engagement_snapshot()
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    make_members(55, network.hub_b)
    refresh_engagement_snapshot()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url, {"page": 2})
    assert response.context["totals"]["count"] == 62
    assert len(response.context["page"].object_list) == 12  # 62 members, 50 a page


def test_members_without_a_hub_come_after_the_hubs_live_and_from_the_snapshot(network, client_as):
    CityFactory(hub=None, name_en="Aarhus")  # a region without a hub
    client = client_as(network.users["mu"])
    url = reverse("engagement:dashboard")
    live = list(client.get(url).context["totals"]["by_hub"])
    refresh_engagement_snapshot()
    stored = list(client.get(url).context["totals"]["by_hub"])
    assert live == stored
    assert live[-1] == "No regional hub (Management Unit)"
    assert live[:-1] == sorted(live[:-1]) and len(live) == 3


def test_a_member_without_a_hub_says_so_in_its_row(network, client_as):
    CityFactory(hub=None, name_en="Aarhus")
    page = client_as(network.users["mu"]).get(reverse("engagement:dashboard"))
    html = page.content.decode()
    table = html[html.index("<tbody>") :]
    row = table[table.index("Aarhus") :]
    row = row[: row.index("</tr>")]
    assert "No regional hub (Management Unit)" in row
