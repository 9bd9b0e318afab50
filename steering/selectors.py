"""Page-shaped reads for the Steering Committee, each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from hubs.models import Hub
from steering.models import ActionPlan, Committee, CommitteeMember, Meeting, PlanPriority


def current_committee() -> QuerySet:
    return CommitteeMember.objects.active().select_related("user", "city", "city__hub")


def committee_mandate() -> str:
    committee = Committee.objects.only("pk", "mandate").first()
    return committee.mandate if committee else ""


@dataclass
class HubSpread:
    hub: Hub | None
    seats: list

    @property
    def count(self) -> int:
        return len(self.seats)


def spread_by_hub(seats: list[CommitteeMember]) -> list[HubSpread]:
    """Seats grouped by their city's regional hub, every hub listed (one query)."""
    by_hub: dict[int | None, list] = {}
    for seat in seats:
        by_hub.setdefault(seat.city.hub_id, []).append(seat)
    rows = [HubSpread(hub, by_hub.get(hub.pk, [])) for hub in Hub.objects.order_by("sort_order")]
    if None in by_hub:
        rows.append(HubSpread(None, by_hub[None]))
    return rows


def plans_visible(*, restricted: bool) -> QuerySet:
    """Published plans for everyone; drafts too for the committee and the Management Unit."""
    plans = ActionPlan.objects.all() if restricted else ActionPlan.objects.published()
    return plans.order_by("-year", "-half")


def plan_summaries(*, restricted: bool) -> QuerySet:
    return plans_visible(restricted=restricted).prefetch_related(
        Prefetch("priorities", queryset=PlanPriority.objects.only("pk", "plan_id", "kind", "title"))
    )


def latest_published_plan() -> ActionPlan | None:
    return (
        ActionPlan.objects.published()
        .order_by("-year", "-half")
        .prefetch_related(
            Prefetch(
                "priorities",
                queryset=PlanPriority.objects.only("pk", "plan_id", "kind", "title", "sort_order"),
            )
        )
        .first()
    )


def plan_for_page(*, year: int, half: int, restricted: bool) -> ActionPlan:
    priorities = PlanPriority.objects.all()
    if restricted:
        priorities = priorities.select_related("owner").prefetch_related(
            "updates", "updates__resource", "updates__event"
        )
    plan = (
        plans_visible(restricted=restricted)
        .filter(year=year, half=half)
        .prefetch_related(Prefetch("priorities", queryset=priorities))
        .first()
    )
    if plan is None:
        raise Http404("No such action plan")
    return plan


def priorities_by_kind(plan: ActionPlan) -> list[tuple[str, list[PlanPriority]]]:
    """(kind label, priorities) in the order of PlanPriority.Kind, empty kinds left out."""
    groups = []
    for kind in PlanPriority.Kind:
        items = [p for p in plan.priorities.all() if p.kind == kind]
        if items:
            groups.append((kind.label, items))
    return groups


def meetings_for_list() -> QuerySet:
    return Meeting.objects.order_by("-held_on", "-pk").prefetch_related("papers")


def meeting_for_page(pk: int) -> Meeting:
    meeting = Meeting.objects.prefetch_related("decisions", "papers").filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting
