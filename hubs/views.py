from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hubs import selectors, services
from hubs.forms import ConsultationForm, NeedForm, StakeholderForm
from strongcities.decorators import permission_required
from strongcities.permissions import can


def hub_list(request):
    return render(request, "hubs/hub_list.html", {"hubs": selectors.hubs_for_index()})


def hub_detail(request, slug):
    hub = selectors.hub_for_page(slug)
    return render(
        request,
        "hubs/hub_detail.html",
        {
            "hub": hub,
            "cities": selectors.hub_member_cities(hub),
            "events": selectors.hub_upcoming_events(hub),
            "good_practices": selectors.hub_recent_good_practices(hub),
            "may_see_internals": can(request.user, "hubs.view_internals", hub),
        },
    )


def _hub(request, slug):
    return selectors.hub_for_page(slug)


@never_cache
@permission_required("hubs.view_internals", get_object=_hub)
def stakeholder_list(request, slug, obj):
    hub = obj
    form = StakeholderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_stakeholder(hub=hub, **form.cleaned_data)
        messages.success(request, _("The stakeholder was added."))
        return redirect("hubs:stakeholder-list", slug=hub.slug)
    kind = request.GET.get("kind", "")
    return render(
        request,
        "hubs/stakeholder_list.html",
        {
            "hub": hub,
            "stakeholders": selectors.hub_stakeholders(hub, kind=kind),
            "kind": kind,
            "kinds": selectors.STAKEHOLDER_KINDS,
            "form": form,
        },
    )


@never_cache
@permission_required("hubs.view_internals", get_object=_hub)
def needs_and_consultations(request, slug, obj):
    """The hub's record of its members' needs and of its consultations (staff only)."""
    hub = obj
    need_form = NeedForm(hub=hub, prefix="need")
    consultation_form = ConsultationForm(hub=hub, prefix="consultation")
    if request.method == "POST":
        if request.POST.get("action") == "need":
            need_form = NeedForm(request.POST, hub=hub, prefix="need")
            if need_form.is_valid():
                services.record_need(hub=hub, user=request.user, **need_form.cleaned_data)
                messages.success(request, _("The need was recorded."))
                return redirect("hubs:needs", slug=hub.slug)
        elif request.POST.get("action") == "consultation":
            consultation_form = ConsultationForm(request.POST, hub=hub, prefix="consultation")
            if consultation_form.is_valid():
                services.record_consultation(
                    hub=hub, user=request.user, **consultation_form.cleaned_data
                )
                messages.success(request, _("The consultation was recorded."))
                return redirect("hubs:needs", slug=hub.slug)
    return render(
        request,
        "hubs/needs.html",
        {
            "hub": hub,
            "needs": selectors.hub_needs(hub),
            "consultations": selectors.hub_consultations(hub),
            "need_form": need_form,
            "consultation_form": consultation_form,
        },
    )
