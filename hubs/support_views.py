"""Technical Support Fund pages (served under /<lang>/helpdesk/support-fund/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hubs import support_services as services
from hubs.forms import FundDecisionForm, SupportFundRequestForm
from members.models import City
from strongcities.decorators import permission_required
from strongcities.permissions import can, grants_for, support_fund_requests_visible_to


def _cities_for_applicant(user):
    grants = grants_for(user)
    return City.objects.filter(Q(pk__in=grants.city_ids) | Q(hub_id__in=grants.hub_ids)).order_by(
        "name"
    )


@never_cache
@permission_required("helpdesk.use")
def fund_list(request):
    requests = (
        support_fund_requests_visible_to(request.user)
        .select_related("city", "hub", "priority")
        .order_by("-created_at")
    )
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "helpdesk/fund_list.html",
        {"page": page, "may_apply": can(request.user, "hubs.request_support_fund")},
    )


@never_cache
@permission_required("hubs.request_support_fund")
def fund_new(request):
    form = SupportFundRequestForm(request.POST or None, cities=_cities_for_applicant(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            fund_request = services.request_support(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request was sent to the Management Unit."))
            return redirect("helpdesk:fund-detail", pk=fund_request.pk)
    return render(request, "helpdesk/fund_form.html", {"form": form})


@never_cache
@permission_required("helpdesk.use")
def fund_detail(request, pk):
    fund_request = get_object_or_404(
        support_fund_requests_visible_to(request.user).select_related(
            "city", "hub", "priority", "requested_by", "decided_by"
        ),
        pk=pk,
    )
    may_decide = can(request.user, "hubs.decide_support_fund", fund_request)
    may_deliver = can(request.user, "hubs.deliver_support_fund", fund_request)
    allowed = services.DECISIONS.get(fund_request.status, set())
    form = FundDecisionForm(allowed=allowed) if may_decide and allowed else None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "decide" and may_decide:
            form = FundDecisionForm(request.POST, allowed=allowed)
            if form.is_valid():
                try:
                    services.decide(
                        fund_request=fund_request,
                        user=request.user,
                        status=form.cleaned_data["status"],
                        note=form.cleaned_data["note"],
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("The decision was recorded."))
                return redirect("helpdesk:fund-detail", pk=pk)
        elif action == "deliver" and may_deliver:
            try:
                services.mark_delivered(fund_request=fund_request, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The support was marked as delivered."))
            return redirect("helpdesk:fund-detail", pk=pk)
        else:
            raise PermissionDenied
    return render(
        request,
        "helpdesk/fund_detail.html",
        {
            "fund_request": fund_request,
            "form": form,
            "may_deliver": may_deliver and fund_request.status == fund_request.Status.APPROVED,
        },
    )
