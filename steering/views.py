from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from steering import selectors
from steering.models import MAX_ACTIVE_MEMBERS, MeetingPaper
from strongcities.decorators import permission_required
from strongcities.permissions import can
from strongcities.uploads import file_response

RESTRICTED = "steering.view_restricted"


def committee(request):
    members = list(selectors.current_committee())
    return render(
        request,
        "steering/committee.html",
        {
            "members": members,
            "max_members": MAX_ACTIVE_MEMBERS,
            "mandate": selectors.committee_mandate(),
            "spread": selectors.spread_by_hub(members),
            "plan": selectors.latest_published_plan(),
            "may_see_restricted": can(request.user, RESTRICTED),
        },
    )


def plan_list(request):
    restricted = can(request.user, RESTRICTED)
    return render(
        request,
        "steering/plan_list.html",
        {"plans": selectors.plan_summaries(restricted=restricted), "restricted": restricted},
    )


def plan_detail(request, year: int, half: int):
    restricted = can(request.user, RESTRICTED)
    plan = selectors.plan_for_page(year=year, half=half, restricted=restricted)
    return render(
        request,
        "steering/plan_detail.html",
        {
            "plan": plan,
            "groups": selectors.priorities_by_kind(plan),
            "restricted": restricted,
        },
    )


@permission_required(RESTRICTED)
def meeting_list(request):
    return render(
        request, "steering/meeting_list.html", {"meetings": selectors.meetings_for_list()}
    )


@permission_required(RESTRICTED)
def meeting_detail(request, pk: int):
    return render(
        request, "steering/meeting_detail.html", {"meeting": selectors.meeting_for_page(pk)}
    )


@permission_required(RESTRICTED)
def paper_download(request, pk: int):
    paper = get_object_or_404(MeetingPaper, pk=pk)
    return file_response(paper.file, filename=slugify(paper.title) or "paper")
