from django.core.paginator import Paginator
from django.shortcuts import render

from events import selectors


def event_list(request):
    page = Paginator(selectors.upcoming_public_events(), 20).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page": page})
