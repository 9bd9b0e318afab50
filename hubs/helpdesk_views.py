"""Helpdesk pages. Thin: check `can()`, parse a form, call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from hubs import helpdesk_selectors as selectors
from hubs import helpdesk_services as services
from hubs.helpdesk_forms import (
    AssignForm,
    CityReplyForm,
    QueueFilterForm,
    RatingForm,
    StaffReplyForm,
    StatusForm,
    TicketForm,
    canned_reply_for,
)
from hubs.models import CannedReply, Hub, TicketAttachment, TicketMessage
from members.models import City
from strongcities.decorators import permission_required
from strongcities.permissions import can, grants_for
from strongcities.ratelimit import rate_limited
from strongcities.uploads import file_response

PAGE_SIZE = 50


@never_cache
@permission_required("helpdesk.use")
def ticket_list(request):
    grants = grants_for(request.user)
    is_staff_view = grants.is_central or bool(grants.hub_ids)
    hubs = Hub.objects.all() if grants.is_central else Hub.objects.filter(pk__in=grants.hub_ids)
    form = QueueFilterForm(
        request.GET or None, hubs=hubs, show_hub=grants.is_central, user=request.user
    )
    filters = form.cleaned_data if form.is_valid() else {}
    tickets = selectors.queue(request.user, filters=filters)
    page = Paginator(tickets, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "helpdesk/ticket_list.html",
        {
            "page": page,
            "rows": selectors.queue_rows(selectors.queue_row_values(page.object_list)),
            "form": form,
            "is_staff_view": is_staff_view,
            "summaries": selectors.hub_summaries() if grants.is_central else None,
            "may_open": can(request.user, "helpdesk.open_ticket"),
        },
    )


@never_cache
@permission_required("helpdesk.open_ticket")
@rate_limited("helpdesk_ticket")
def ticket_new(request):
    cities = City.objects.filter(pk__in=grants_for(request.user).city_ids).order_by("name")
    form = TicketForm(request.POST or None, request.FILES or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = services.open_ticket(
                user=request.user,
                city=data["city"],
                category=data["category"],
                priority=data["priority"],
                subject=data["subject"],
                description=data["description"],
                language=data["language"],
                files=data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Your request %(reference)s was sent to your regional hub.")
                % {"reference": ticket.reference},
            )
            return redirect(ticket.get_absolute_url())
    return render(request, "helpdesk/ticket_form.html", {"form": form})


@never_cache
@permission_required("helpdesk.use")
def ticket_detail(request, reference):
    ticket = selectors.ticket_for_page(request.user, reference)
    is_handler = can(request.user, "helpdesk.handle_ticket", ticket)
    is_city = can(request.user, "helpdesk.act_for_city", ticket)
    forms = {}
    if is_handler:
        initial = {}
        if request.GET.get("canned"):
            initial["body"] = canned_reply_for(ticket, request.GET["canned"])
        forms["staff_reply"] = StaffReplyForm(ticket=ticket, initial=initial)
        forms["assign"] = AssignForm(ticket=ticket, initial={"assignee": ticket.assignee_id})
        forms["status"] = StatusForm(initial={"status": ticket.status})
    if is_city:
        forms["city_reply"] = CityReplyForm()
        forms["rating"] = RatingForm(
            initial={"score": ticket.satisfaction, "comment": ticket.satisfaction_comment}
        )

    if request.method == "POST":
        action = request.POST.get("action", "")
        handler_class = ACTIONS.get(action)
        handler = handler_class() if handler_class else None
        if handler is None or not can(request.user, handler.permission, ticket):
            raise PermissionDenied
        form = handler.make_form(request, ticket)
        if form is not None and not form.is_valid():
            forms[handler.form_key] = form
        else:
            try:
                handler.run(request, ticket, form)
            except ValidationError as error:
                # The service refused (e.g. a closed request, an impossible status).
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, handler.done_message())
            return redirect(ticket.get_absolute_url())

    return render(
        request,
        "helpdesk/ticket_detail.html",
        {
            "ticket": ticket,
            "thread": selectors.ticket_messages(ticket, include_internal=is_handler),
            "opening_attachments": selectors.opening_attachments(ticket),
            "is_handler": is_handler,
            "is_city": is_city,
            "forms": forms,
            "canned_replies": (
                CannedReply.objects.filter(hub_id=ticket.hub_id) if is_handler else []
            ),
        },
    )


@never_cache
@permission_required("helpdesk.use")
def attachment_download(request, reference, pk):
    attachment = get_object_or_404(
        TicketAttachment.objects.select_related("ticket", "message"),
        ticket__reference=reference,
        pk=pk,
    )
    # 404, not 403: someone who may not see the request does not learn that it exists,
    # nor that an internal note carries a file.
    if not can(request.user, "helpdesk.view_attachment", attachment):
        raise Http404
    return file_response(attachment.file, filename=attachment.original_name)


# --- the POST actions of the request page ------------------------------------------


class Action:
    permission = "helpdesk.handle_ticket"
    form_key = ""

    def make_form(self, request, ticket):
        return None

    def run(self, request, ticket, form):
        raise NotImplementedError

    def done_message(self):
        return _("Saved.")


class StaffReply(Action):
    form_key = "staff_reply"

    def make_form(self, request, ticket):
        return StaffReplyForm(request.POST, request.FILES, ticket=ticket)

    def run(self, request, ticket, form):
        data = form.cleaned_data
        self.internal = data["visibility"] == TicketMessage.Visibility.INTERNAL
        services.reply_as_staff(
            ticket=ticket,
            user=request.user,
            body=data["body"],
            internal=self.internal,
            files=data["attachments"],
            resources=data["resources"],
            new_status=data["new_status"] or None,
        )

    def done_message(self):
        if self.internal:
            return _("Your internal note was added. The city does not see it.")
        return _("Your reply was sent to the city.")


class Assign(Action):
    form_key = "assign"

    def make_form(self, request, ticket):
        return AssignForm(request.POST, ticket=ticket)

    def run(self, request, ticket, form):
        services.assign(ticket=ticket, user=request.user, assignee=form.cleaned_data["assignee"])

    def done_message(self):
        return _("The request was assigned.")


class ChangeStatus(Action):
    form_key = "status"

    def make_form(self, request, ticket):
        return StatusForm(request.POST)

    def run(self, request, ticket, form):
        services.change_status(ticket=ticket, user=request.user, status=form.cleaned_data["status"])

    def done_message(self):
        return _("The status was changed.")


class CityReply(Action):
    permission = "helpdesk.act_for_city"
    form_key = "city_reply"

    def make_form(self, request, ticket):
        return CityReplyForm(request.POST, request.FILES)

    def run(self, request, ticket, form):
        services.reply_as_city(
            ticket=ticket,
            user=request.user,
            body=form.cleaned_data["body"],
            files=form.cleaned_data["attachments"],
        )

    def done_message(self):
        return _("Your reply was sent to your regional hub.")


class Reopen(Action):
    permission = "helpdesk.act_for_city"

    def run(self, request, ticket, form):
        services.reopen(ticket=ticket, user=request.user)

    def done_message(self):
        return _("The request was reopened.")


class Rate(Action):
    permission = "helpdesk.act_for_city"
    form_key = "rating"

    def make_form(self, request, ticket):
        return RatingForm(request.POST)

    def run(self, request, ticket, form):
        services.rate(
            ticket=ticket,
            user=request.user,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )

    def done_message(self):
        return _("Thank you for rating the answer.")


class Promote(Action):
    def run(self, request, ticket, form):
        message = get_object_or_404(ticket.messages, pk=request.POST.get("message") or 0)
        self.resource = services.promote_to_resource(
            ticket=ticket, user=request.user, message=message
        )

    def done_message(self):
        return _("A draft resource was created and is waiting in the review queue.")


# A fresh Action per request: some remember what they did for the message.
ACTIONS = {
    "staff_reply": StaffReply,
    "assign": Assign,
    "status": ChangeStatus,
    "city_reply": CityReply,
    "reopen": Reopen,
    "rate": Rate,
    "promote": Promote,
}
