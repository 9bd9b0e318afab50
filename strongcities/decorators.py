from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from strongcities.permissions import can, has_mfa, requires_mfa


def mfa_setup_redirect(request):
    return redirect(
        f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}"
    )


def permission_required(action: str, get_object=None):
    """Guard a view with an action of strongcities.permissions.

    Anonymous visitors are sent to sign in, signed-in people without the right get
    403, and staff who have not set up MFA are sent to set it up first.
    `get_object(request, **kwargs)` loads the object the rule needs (and may 404).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = get_object(request, **kwargs) if get_object else None
            if not can(request.user, action, obj):
                raise PermissionDenied
            if requires_mfa(request.user) and not has_mfa(request.user):
                return mfa_setup_redirect(request)
            if obj is not None:
                kwargs["obj"] = obj
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
