from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.utils import translation

from strongcities.decorators import mfa_setup_redirect
from strongcities.permissions import can, has_mfa, requires_mfa


class RememberLanguageMiddleware:
    """Remember the language of the last page visited, so `/` sends people back to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE or 60 * 60 * 24 * 365,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class RejectNullCharactersMiddleware:
    """A NUL character is never part of a real address or filter, and PostgreSQL refuses
    it in any string: the answer is a translated 400 here, not a 500 from whichever
    filter, lookup or audit entry passes it on. (Forms reject it in what is posted.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)


class StaffRequireMFAMiddleware:
    """Gate the Django admin: sign in through allauth (with MFA), only central staff,
    and only once they have set up MFA. Portal staff pages use @permission_required."""

    prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(self.prefix):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(user, "portal.use_admin"):
                raise PermissionDenied
            if requires_mfa(user) and not has_mfa(user):
                return mfa_setup_redirect(request)
        return self.get_response(request)
