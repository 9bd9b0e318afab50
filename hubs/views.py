from django.shortcuts import render

from hubs import selectors
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
            "may_see_internals": can(request.user, "hubs.view_internals", hub),
        },
    )
