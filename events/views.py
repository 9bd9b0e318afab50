import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.decorators import audited_export
from events import certificates, ical, selectors, services
from events.forms import (
    STATUS_ACTIONS,
    AttendanceImportForm,
    GuestRegistrationForm,
    RegistrationForm,
)
from events.models import CalendarFeed, Event, Registration
from strongcities.decorators import mfa_setup_redirect, permission_required
from strongcities.pdf import PdfUnavailable
from strongcities.permissions import can, has_mfa, requires_mfa
from strongcities.text import comma_join

PAGE_SIZE = 20
PARTICIPANTS_PAGE_SIZE = 100
# The participant list can be narrowed to one status; cancelled registrations are not listed.
PARTICIPANT_STATUSES = {s.value for s in Registration.ACTIVE_STATUSES}


def _visible_event(request, slug) -> Event:
    event = selectors.event_for_page(slug)
    if event is None or not can(request.user, "events.view", event):
        raise Http404  # do not reveal that a draft or a members-only event exists
    return event


def _event_for_registration(request, slug, **kwargs):
    return _visible_event(request, slug)


def _event_for_managers(request, slug, **kwargs):
    return get_object_or_404(Event.objects.select_related("hub", "city"), slug=slug)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def event_list(request):
    filters = selectors.CalendarFilters.from_query(request.GET)
    events = selectors.calendar(request.user, filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/event_list.html",
        {"page": page, "filters": filters, **selectors.filter_choices()},
    )


def event_detail(request, slug):
    event = _visible_event(request, slug)
    user = request.user
    registration = selectors.registration_of(user, event)
    may_manage = can(user, "events.manage", event)
    context = {
        "event": event,
        "registration": registration,
        "may_manage": may_manage,
        "may_register": can(user, "events.register", event) and event.registration_is_open(),
        "seats_left": (
            None if event.capacity is None else max(event.capacity - event.seats_taken, 0)
        ),
        "show_online_link": bool(
            event.online_url and (may_manage or (registration and registration.sees_online_link))
        ),
    }
    if user.is_authenticated:
        colleagues = list(services.colleagues_of(user))
        registered = set(
            Registration.objects.filter(event=event, user__in=colleagues)
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("user_id", flat=True)
        )
        context["colleague_registrations"] = (
            Registration.objects.filter(event=event, user_id__in=registered)
            .select_related("user")
            .order_by("user__display_name")
        )
        if context["may_register"]:
            unregistered = [c for c in colleagues if c.pk not in registered]
            include_self = (
                registration is None or registration.status == Registration.Status.CANCELLED
            )
            if include_self or unregistered:
                context["form"] = RegistrationForm(
                    event=event, user=user, colleagues=unregistered, include_self=include_self
                )
    return render(request, "events/event_detail.html", context)


@require_POST
@permission_required("events.register", _event_for_registration)
def register(request, slug, obj):
    event = obj
    colleagues = list(services.colleagues_of(request.user))
    form = RegistrationForm(request.POST, event=event, user=request.user, colleagues=colleagues)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(event.get_absolute_url())
    answers = services.Answers(
        accessibility_needs=form.cleaned_data.get("accessibility_needs", ""),
        dietary_needs=form.cleaned_data.get("dietary_needs", ""),
        interpretation_language=form.cleaned_data.get("interpretation_language", ""),
    )
    person = form.cleaned_data["person"]
    try:
        registration = services.register(
            event=event, person=person, registered_by=request.user, answers=answers
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(event.get_absolute_url())
    text = {
        Registration.Status.CONFIRMED: _("%(name)s is registered. A confirmation is on its way."),
        Registration.Status.WAITING: _(
            "The event is full: %(name)s is on the waiting list and will be told by email "
            "when a seat frees."
        ),
        Registration.Status.PENDING: _(
            "This event is by invitation: the organisers will confirm %(name)s's place."
        ),
    }[registration.status]
    messages.success(request, text % {"name": person.display_name})
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def cancel(request, slug, pk):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=pk, event__slug=slug
    )
    if not services.may_change_registration(request.user, registration):
        raise PermissionDenied
    try:
        services.cancel_registration(registration=registration, cancelled_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The registration of %(name)s is cancelled.") % {"name": registration.person_name},
        )
    return redirect(registration.event.get_absolute_url())


@permission_required("events.manage", _event_for_managers)
def participants(request, slug, obj):
    event = obj
    import_form = AttendanceImportForm()
    if request.method == "POST":
        import_form = AttendanceImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            marked, unknown = _import_attendance(event, import_form.cleaned_data["file"], request)
            messages.success(
                request,
                _("Attendance marked for %(marked)s people.") % {"marked": marked},
            )
            if unknown:
                messages.warning(
                    request,
                    _("Not registered for this event: %(emails)s")
                    % {"emails": comma_join(unknown[:20])},
                )
            return redirect("events:participants", slug=event.slug)
    status = request.GET.get("status", "")
    if status not in PARTICIPANT_STATUSES:
        status = ""  # an unknown value shows everyone rather than an error
    counts = selectors.participant_counts(event)
    paginator = Paginator(selectors.participants_page(event, status), PARTICIPANTS_PAGE_SIZE)
    # The list's length from the counts by status the page shows anyway (one query less).
    paginator.count = counts[status] if status else selectors.listed_count(counts)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "page": page,
            "rows": selectors.participant_rows(page, event),
            "counts": counts,
            "status": status,
            "status_choices": [(s.value, s.label) for s in Registration.ACTIVE_STATUSES],
            "import_form": import_form,
            "has_started": event.starts_at <= timezone.now(),
            "guest_link": settings.SITE_URL
            + reverse(
                "events:guest-register",
                kwargs={"slug": event.slug, "token": services.guest_invitation_token(event)},
            ),
        },
    )


def _import_attendance(event, rows, request) -> tuple[int, list[str]]:
    by_email = {
        r.email.lower(): r
        for r in selectors.participants(event).filter(status__in=Registration.SEAT_STATUSES)
    }
    marked, unknown = 0, []
    with transaction.atomic():
        for email, attended in rows:
            registration = by_email.get(email)
            if registration is None:
                unknown.append(email)
                continue
            services.mark_attendance(
                registration=registration, attended=attended, marked_by=request.user
            )
            marked += 1
    return marked, unknown


@permission_required("events.manage", _event_for_managers)
@audited_export("event-participants")
def participants_csv(request, slug, obj):
    event = obj
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.csv"'
    response.write("\ufeff")  # so spreadsheet programs read Arabic and French correctly
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            "email",
            _("City"),
            _("Status"),
            _("Accessibility needs"),
            _("Dietary needs"),
            _("Interpretation language"),
            "attended",
        ]
    )
    for row in selectors.participants(event):
        writer.writerow(
            [
                _csv_safe(row.person_name),
                row.email,
                _csv_safe(row.city.name if row.city else row.guest_organisation),
                row.get_status_display(),
                _csv_safe(row.accessibility_needs),
                _csv_safe(row.dietary_needs),
                row.interpretation_language,
                {"attended": "yes", "no_show": "no"}.get(row.status, ""),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@require_POST
@permission_required("events.manage", _event_for_managers)
def registration_action(request, slug, pk, obj):
    event = obj
    registration = get_object_or_404(
        Registration.objects.select_related("user"), pk=pk, event=event
    )
    action = request.POST.get("action", "")
    if action not in STATUS_ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("events:participants", slug=event.slug)
    registration.event = event
    try:
        if action in {"approve", "decline"}:
            services.decide_registration(
                registration=registration, approve=action == "approve", decided_by=request.user
            )
        elif action in {"attended", "no_show"}:
            services.mark_attendance(
                registration=registration, attended=action == "attended", marked_by=request.user
            )
        else:
            services.cancel_registration(registration=registration, cancelled_by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s: %(action)s.")
            % {"name": registration.person_name, "action": STATUS_ACTIONS[action]},
        )
    return redirect("events:participants", slug=event.slug)


def guest_register(request, slug, token):
    """Guests register with the organisers' invitation link; no account needed."""
    event = services.event_for_guest_token(token)
    if event is None or event.slug != slug:
        raise Http404
    form = GuestRegistrationForm(
        request.POST or None, event=event, initial={"language": translation.get_language()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register_guest(
                event=event,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                language=data["language"],
                answers=services.Answers(
                    accessibility_needs=data.get("accessibility_needs", ""),
                    dietary_needs=data.get("dietary_needs", ""),
                    interpretation_language=data.get("interpretation_language", ""),
                ),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if registration.status == Registration.Status.CONFIRMED:
                text = _("You are registered. A confirmation is on its way to %(email)s.")
            else:
                text = _(
                    "The event is full: you are on the waiting list, and we will write to "
                    "%(email)s when a seat frees."
                )
            messages.success(request, text % {"email": registration.email})
            return redirect(request.path)
    return render(
        request,
        "events/guest_register.html",
        {"event": event, "form": form, "registration_open": event.registration_is_open()},
    )


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = _visible_event(request, slug)
    registration = selectors.registration_of(request.user, event)
    with_link = {event.pk} if registration and registration.sees_online_link else set()
    return _ics_response(
        ical.calendar([event], name=event.title, online_link_for=with_link), f"{event.slug}.ics"
    )


def public_feed(request):
    events = selectors.upcoming_public_events()
    return _ics_response(
        ical.calendar(events, name=_("Strong Cities Network events")), "strongcities-events.ics"
    )


def personal_feed(request, token):
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404
    events, with_link = selectors.personal_feed_events(feed.user)
    return _ics_response(
        ical.calendar(events, name=_("My Strong Cities Network events"), online_link_for=with_link),
        "my-events.ics",
    )


@login_required
def my_registrations(request):
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    if request.method == "POST" and request.POST.get("action") == "reset-feed":
        feed.token = CalendarFeed._meta.get_field("token").default()
        feed.save(update_fields=["token"])
        messages.success(
            request, _("Your calendar address was changed; the old one no longer works.")
        )
        return redirect("events:my-registrations")
    return render(
        request,
        "events/my_registrations.html",
        {
            "registrations": selectors.registrations_of(request.user),
            "feed_url": settings.SITE_URL
            + reverse("events:personal-feed", kwargs={"token": feed.token}),
        },
    )


# --- certificates of attendance ------------------------------------------------------


def _certificate_response(request, registration, back_url: str = "") -> HttpResponse:
    """The PDF in the participant's language, or a translated page saying why not."""
    try:
        data = certificates.certificate_pdf(registration)
    except PdfUnavailable as error:
        return render(
            request,
            "events/certificate_failed.html",
            {
                "reason": error.reason,
                "back_url": back_url or registration.event.get_absolute_url(),
            },
            status=503,
        )
    response = HttpResponse(data, content_type="application/pdf")
    name = certificates.file_name(registration)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _attended_registrations():
    return Registration.objects.select_related("event__city", "event__hub", "city", "user").filter(
        status=Registration.Status.ATTENDED
    )


@login_required
def certificate(request, slug):
    """The signed-in participant's own certificate of attendance."""
    registration = _attended_registrations().filter(event__slug=slug, user=request.user).first()
    if registration is None:
        raise Http404
    return _certificate_response(request, registration)


@login_required
def registration_certificate(request, slug, pk):
    """A participant's certificate, for the participant or the event's organisers; not
    found for anyone else (a colleague of the same city is not the person certified)."""
    registration = _attended_registrations().filter(event__slug=slug, pk=pk).first()
    if registration is None or not certificates.may_download(request.user, registration):
        raise Http404
    if registration.user_id != request.user.pk and (
        requires_mfa(request.user) and not has_mfa(request.user)
    ):
        return mfa_setup_redirect(request)
    return _certificate_response(request, registration)


# --- guests' own registration (the signed link in their emails) ---------------------


def _guest_registration(slug, token) -> Registration:
    registration = services.registration_for_guest_token(token)
    if registration is None or registration.event.slug != slug:
        raise Http404
    return registration


def guest_registration(request, slug, token):
    """A guest sees their registration and may cancel it, without an account."""
    registration = _guest_registration(slug, token)
    if request.method == "POST":
        try:
            services.cancel_guest_registration(registration=registration)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for telling us.")
            )
        return redirect(request.path)
    return render(
        request,
        "events/guest_registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "may_cancel": services.may_be_cancelled(registration),
            "token": token,
        },
    )


def guest_certificate(request, slug, token):
    registration = _guest_registration(slug, token)
    if registration.status != Registration.Status.ATTENDED:
        raise Http404
    back_url = reverse("events:guest-registration", kwargs={"slug": slug, "token": token})
    return _certificate_response(request, registration, back_url)
