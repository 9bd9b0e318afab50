import pytest

from members import demo_data
from steering.demo import seed_demo_steering
from steering.models import (
    MAX_ACTIVE_MEMBERS,
    ActionPlan,
    Committee,
    CommitteeMember,
    Decision,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Meeting,
    MeetingPaper,
    PlanPriority,
    ProgressUpdate,
)
from strongcities.demo import seed_demo_network

MODELS = [
    Committee,
    CommitteeMember,
    ActionPlan,
    PlanPriority,
    ProgressUpdate,
    Meeting,
    Decision,
    MeetingPaper,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_demo_committee_is_believable_and_idempotent(client):
    seed_demo_network()
    first = counts()
    seed_demo_steering()
    seed_demo_network()
    assert counts() == first

    active = list(CommitteeMember.objects.active().select_related("user", "city"))
    assert 10 <= len(active) < MAX_ACTIVE_MEMBERS
    demo_cities = {f"{c['country']}/{c['slug']}" for c in demo_data.CITIES}
    assert all(f"{s.city.country.code}/{s.city.slug}" in demo_cities for s in active)
    assert all("(fictional)" in s.user.display_name for s in active)
    assert {s.role for s in active} == {"chair", "co_chair", "member"}
    assert CommitteeMember.objects.filter(role="chair").count() == 1

    periods = set(ActionPlan.objects.published().values_list("year", "half"))
    assert {(2026, 1), (2026, 2)} <= periods
    assert ActionPlan.objects.filter(status=ActionPlan.Status.DRAFT).exists()
    for plan in ActionPlan.objects.published():
        assert set(plan.priorities.values_list("kind", flat=True)) == set(PlanPriority.Kind)
    assert Meeting.objects.count() >= 2
    assert all(
        p.size > 0 and p.file.open("rb").read(5) == b"%PDF-" for p in MeetingPaper.objects.all()
    )

    html = client.get("/en/steering/").content.decode()
    assert "Petar Primer (fictional)" in html
    assert "Draft under discussion" not in client.get("/en/steering/plans/").content.decode()


@pytest.mark.django_db
def test_demo_indicators_have_targets_for_2025_to_2027():
    seed_demo_network()
    seed_demo_steering()
    assert Indicator.objects.count() >= 4
    for indicator in Indicator.objects.all():
        years = set(indicator.targets.values_list("year", flat=True))
        assert {2025, 2026, 2027} <= years
        assert indicator.name_ar and indicator.name_en and indicator.name_fr
    manual = Indicator.objects.get(rule=Indicator.Rule.MANUAL)
    assert manual.values.get(year=2025).source
