"""Peer exchange pages (served under /<lang>/helpdesk/exchanges/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hubs import exchange_services as services
from hubs.forms import ExchangeRequestForm, ExchangeStepForm
from members.models import City
from strongcities.decorators import permission_required
from strongcities.permissions import can, exchanges_visible_to, grants_for


@never_cache
@permission_required("helpdesk.use")
def exchange_list(request):
    exchanges = (
        exchanges_visible_to(request.user)
        .select_related("city", "hub")
        .prefetch_related("peers")
        .order_by("-created_at")
    )
    page = Paginator(exchanges, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "helpdesk/exchange_list.html",
        {"page": page, "may_request": can(request.user, "hubs.request_exchange")},
    )


@never_cache
@permission_required("hubs.request_exchange")
def exchange_new(request):
    cities = City.objects.filter(pk__in=grants_for(request.user).city_ids).order_by("name")
    form = ExchangeRequestForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            exchange = services.request_exchange(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your regional hub will broker the exchange."))
            return redirect(exchange.get_absolute_url())
    return render(request, "helpdesk/exchange_form.html", {"form": form})


@never_cache
@permission_required("helpdesk.use")
def exchange_detail(request, pk):
    exchange = get_object_or_404(
        exchanges_visible_to(request.user)
        .select_related("city", "hub", "event")
        .prefetch_related("peers"),
        pk=pk,
    )
    may_broker = can(request.user, "hubs.broker_exchange", exchange)
    allowed = services.TRANSITIONS.get(exchange.status, set())
    form = ExchangeStepForm(exchange=exchange, allowed=allowed) if may_broker and allowed else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        form = ExchangeStepForm(request.POST, exchange=exchange, allowed=allowed)
        if form.is_valid():
            try:
                services.advance(exchange=exchange, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The exchange was updated."))
            return redirect(exchange.get_absolute_url())
    return render(request, "helpdesk/exchange_detail.html", {"exchange": exchange, "form": form})
