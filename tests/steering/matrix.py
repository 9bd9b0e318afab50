"""Steering objects and URL arguments for tests/test_role_matrix.py.

Wire-up (two lines in tests/test_role_matrix.py, like tests/hubs/matrix.py):
`add_steering_matrix_objects(network)` in `matrix_objects`, and
`**steering_url_kwargs(net)` in `url_for`'s kwargs table.
"""

from django.utils import timezone

from steering.models import ActionPlan, Committee, Indicator, Meeting, MeetingPaper
from steering.services import COMMITTEE_PK
from tests.steering.factories import (
    ActionPlanFactory,
    DecisionFactory,
    MeetingFactory,
    MeetingPaperFactory,
    PlanPriorityFactory,
    ProgressUpdateFactory,
)


def add_steering_matrix_objects(network) -> None:
    """A published plan with a priority and an update, a meeting with a decision and a
    paper, and the committee row: one row of every steering model the admin shows."""
    Committee.objects.get_or_create(pk=COMMITTEE_PK)
    plan = ActionPlanFactory()
    ProgressUpdateFactory(priority=PlanPriorityFactory(plan=plan, owner=network.user("committee")))
    meeting = MeetingFactory()
    DecisionFactory(meeting=meeting)
    MeetingPaperFactory(meeting=meeting)
    indicator = Indicator.objects.create(code="members", name_en="Members", rule="members")
    indicator.targets.create(year=timezone.localdate().year, target=250)


def steering_url_kwargs(net) -> dict:
    plan = ActionPlan.objects.published().order_by("pk").first()
    meeting = Meeting.objects.order_by("pk").first()
    paper = MeetingPaper.objects.order_by("pk").first()
    this_year = {"year": timezone.localdate().year}
    return {
        "report:annual": this_year,
        "report:tables": this_year,
        "report:pdf": this_year,
        "steering:plan-detail": {"year": plan.year, "half": plan.half},
        "steering:meeting-detail": {"pk": meeting.pk},
        "steering:paper-download": {"pk": paper.pk},
        "api:steering-plan-detail": {"period": f"{plan.year}-{plan.half}"},
        "api:steering-meeting-detail": {"pk": meeting.pk},
    }
