from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from hubs.models import Hub
from members import selectors
from strongcities.permissions import can

PAGE_SIZE = 30


def city_list(request):
    hub_slug = request.GET.get("hub", "")
    query = request.GET.get("q", "").strip()[:100]
    cities = selectors.directory(request.user, hub_slug=hub_slug, query=query)
    page = Paginator(cities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "members/city_list.html",
        {"page": page, "hubs": Hub.objects.all(), "hub_slug": hub_slug, "query": query},
    )


def city_detail(request, country, slug):
    city = selectors.city_for_page(country=country, slug=slug)
    if not can(request.user, "members.view_city", city):
        raise Http404  # do not reveal that a non-public city exists
    return render(
        request,
        "members/city_detail.html",
        {
            "city": city,
            "may_edit": can(request.user, "members.edit_city", city),
            "may_see_internals": can(request.user, "members.view_city_internals", city),
        },
    )
