from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from events.selectors import upcoming_public_events
from members import selectors as member_selectors
from resources.selectors import latest_public_resources
from strongcities import health
from strongcities.decorators import permission_required
from strongcities.forms import AcceptInvitationForm, AccountSettingsForm
from strongcities.permissions import grants_for
from strongcities.ratelimit import rate_limited
from strongcities.services import accept_invitation, invitation_from_token


def home(request):
    return render(
        request,
        "home.html",
        {
            "figures": member_selectors.network_figures(),
            "priorities": member_selectors.strategic_priorities(),
            "themes": member_selectors.thematic_areas(),
            "resources": latest_public_resources(),
            "events": upcoming_public_events(limit=3),
        },
    )


@require_GET
@never_cache
def healthz(request):
    report = {"database": health.database_state(), "redis": health.redis_state()}
    status = 200 if report["database"] == "ok" else 503
    return JsonResponse(report, status=status)


@never_cache
@rate_limited("invitation_accept", key="ip")
def accept_invitation_view(request, token):
    invitation = invitation_from_token(token)
    if invitation is None or not invitation.is_usable:
        return render(request, "account/invitation_invalid.html", status=404)
    existing = get_user_model().objects.filter(email__iexact=invitation.email).exists()
    form = AcceptInvitationForm(
        request.POST or None,
        invitation=invitation,
        initial={"display_name": invitation.display_name},
    )
    if existing:
        # The person already has an account: the invitation only adds a role.
        form.fields.pop("password1")
        form.fields.pop("password2")
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                invitation,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data.get("password1"),
            )
        except ValidationError as error:  # e.g. the committee's 25 seats are all taken
            form.add_error(None, error)
            return render(
                request,
                "account/invitation_accept.html",
                {"invitation": invitation, "form": form, "existing": existing},
            )
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, _("Welcome to the Strong Cities Network portal."))
        return redirect(translate_url("/", user.preferred_language) or "home")
    return render(
        request,
        "account/invitation_accept.html",
        {"invitation": invitation, "form": form, "existing": existing},
    )


@permission_required("portal.view_account")
def account_settings(request):
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your settings were saved."))
        response = redirect(translate_url(request.path, user.preferred_language))
        return response
    grants = grants_for(request.user)
    return render(
        request,
        "account/settings.html",
        {
            "form": form,
            "grants": grants,
            "focal_points": request.user.focal_points.filter(is_active=True).select_related("city"),
            "hub_roles": request.user.hub_roles.filter(is_active=True).select_related("hub"),
            "emails": EmailAddress.objects.filter(user=request.user),
        },
    )


@permission_required("portal.view_dashboard")
def dashboard(request):
    return render(
        request,
        "dashboard/index.html",
        {
            "figures": member_selectors.network_figures(),
            "hubs": member_selectors.cities_per_hub(),
        },
    )


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
