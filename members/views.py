from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hubs.models import Hub
from members import selectors, services
from members.forms import CityProfileForm, ColleagueForm, HandoverForm
from members.models import City
from strongcities.decorators import permission_required
from strongcities.permissions import can, cities_editable_by
from strongcities.services import request_colleague_invitation

PAGE_SIZE = 30


def city_list(request):
    filters = selectors.DirectoryFilters.from_params(request.GET)
    cities = selectors.directory(request.user, filters)
    page = Paginator(cities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/city_list.html",
        {
            "page": page,
            "filters": filters,
            "hubs": Hub.objects.order_by("sort_order"),
            "countries": selectors.directory_countries(request.user),
            "authority_types": City.AuthorityType.choices,
            "priorities": selectors.strategic_priorities(),
            "themes": selectors.thematic_areas(),
        },
    )


def city_map(request):
    return render(
        request,
        "members/city_map.html",
        {"map": selectors.member_map(), "no_hub_colour": selectors.NO_HUB_COLOUR},
    )


def city_detail(request, country, slug):
    city = selectors.city_for_page(country=country, slug=slug)
    if not can(request.user, "members.view_city", city):
        raise Http404  # do not reveal that a non-public city exists
    may_see_internals = can(request.user, "members.view_city_internals", city)
    context = {
        "city": city,
        "may_edit": can(request.user, "members.edit_city", city),
        "may_see_internals": may_see_internals,
        "leader": services.current_leader(city),
    }
    if may_see_internals:
        context.update(
            focal_points=selectors.focal_points_of(city),
            principles=services.principles_standing(city),
            peers=selectors.peer_cities(city),
        )
    return render(request, "members/city_detail.html", context)


def my_city(request):
    """Focal points land on their city's edit page (or choose, if they keep several)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    cities = list(cities_editable_by(request.user).filter(focal_points__user=request.user))
    if len(cities) == 1:
        city = cities[0]
        return redirect("members:city-edit", country=city.country.code.lower(), slug=city.slug)
    return render(request, "members/my_cities.html", {"cities": cities})


def _city_from_url(request, country, slug):
    return selectors.city_for_page(country=country, slug=slug)


@permission_required("members.edit_city", _city_from_url)
def city_edit(request, country, slug, obj):
    city = obj
    stale = None
    if request.method == "POST":
        form = CityProfileForm(request.POST, request.FILES, instance=City.objects.get(pk=city.pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "logo"}}
            try:
                services.update_city_profile(
                    city=city,
                    data=data,
                    expected_version=form.cleaned_data["version"],
                    changed_by=request.user,
                    logo=form.cleaned_data.get("logo") or None,
                )
            except services.StaleProfile as error:
                stale = error.revisions
                form.add_error(
                    None,
                    _(
                        "Someone else saved this profile after you opened it. Your changes are "
                        "below and have not been saved; check what changed, then save again."
                    ),
                )
                # The next save is compared with the version the editor has now seen.
                form.data = form.data.copy()
                form.data["version"] = City.objects.values_list("version", flat=True).get(
                    pk=city.pk
                )
            else:
                messages.success(request, _("The city profile has been saved."))
                return redirect("members:city-edit", country=country, slug=slug)
    else:
        form = CityProfileForm(instance=city)
    return render(
        request,
        "members/city_edit.html",
        {
            "city": city,
            "form": form,
            "stale_revisions": stale,
            "principles": services.principles_standing(city),
            "active_tab": get_language(),
        },
    )


@require_POST
@permission_required("members.edit_city", _city_from_url)
def city_agree_principles(request, country, slug, obj):
    if services.current_principles() is None:
        messages.error(request, _("No Guiding Principles are published yet."))
    else:
        services.agree_to_principles(city=obj, user=request.user)
        messages.success(
            request, _("Thank you: %(city)s agrees to the Guiding Principles.") % {"city": obj.name}
        )
    return redirect("members:city-edit", country=country, slug=slug)


@permission_required("members.edit_city", _city_from_url)
def city_invite_colleague(request, country, slug, obj):
    form = ColleagueForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            request_colleague_invitation(city=obj, requested_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. Staff will review the request, then %(name)s will get an invitation.")
                % {"name": form.cleaned_data["display_name"]},
            )
            return redirect("members:city-edit", country=country, slug=slug)
    return render(request, "members/invite_colleague.html", {"city": obj, "form": form})


@permission_required("members.view_city_internals", _city_from_url)
def city_history(request, country, slug, obj):
    return render(
        request,
        "members/city_history.html",
        {"city": obj, "revisions": selectors.profile_history(obj)},
    )


@permission_required("members.edit_city", _city_from_url)
def city_handover(request, country, slug, obj):
    form = HandoverForm(request.POST or None, city=obj, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.hand_over_focal_point(
            city=obj,
            from_user=form.cleaned_data["leaving"],
            to_user=form.cleaned_data["successor"],
            note=form.cleaned_data["note"],
            recorded_by=request.user,
        )
        messages.success(
            request,
            _("The handover is recorded: %(name)s is now the city's primary focal point.")
            % {"name": form.cleaned_data["successor"].display_name},
        )
        if form.cleaned_data["leaving"] == request.user:
            return redirect(obj.get_absolute_url())
        return redirect("members:city-edit", country=country, slug=slug)
    return render(
        request,
        "members/handover.html",
        {"city": obj, "form": form, "has_successor": form.fields["successor"].queryset.count() > 1},
    )
