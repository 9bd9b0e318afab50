import pytest

from steering.models import ActionPlan
from tests.steering.factories import ActionPlanFactory, PlanPriorityFactory, ProgressUpdateFactory


@pytest.fixture(autouse=True)
def private_papers_root(settings, tmp_path):
    """Meeting papers go to a temporary private root in tests."""
    settings.STEERING_PAPERS_ROOT = tmp_path / "private-papers"
    return settings.STEERING_PAPERS_ROOT


@pytest.fixture
def plans(network):
    published = ActionPlanFactory(year=2026, half=1, summary_en="Published summary")
    priority = PlanPriorityFactory(
        plan=published,
        title_en="Public priority title",
        description_en="Restricted priority details",
        owner=network.users["committee"],
    )
    ProgressUpdateFactory(priority=priority, note_en="Restricted progress note")
    draft = ActionPlanFactory(
        year=2027,
        half=1,
        status=ActionPlan.Status.DRAFT,
        published_at=None,
        summary_en="Draft summary",
    )
    PlanPriorityFactory(plan=draft, title_en="Draft priority title")
    return published, draft
