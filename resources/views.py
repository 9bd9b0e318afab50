from django.core.paginator import Paginator
from django.shortcuts import render

from resources import selectors


def resource_list(request):
    page = Paginator(selectors.public_resources(), 20).get_page(request.GET.get("page"))
    return render(request, "resources/resource_list.html", {"page": page})
