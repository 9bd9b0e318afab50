from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import translate_url
from django.utils import translation

ENGLISH = "en"


def language_for_email(email: str) -> str:
    user = get_user_model().objects.filter(email__iexact=email).only("preferred_language").first()
    if user and user.preferred_language:
        return user.preferred_language
    return translation.get_language() or ENGLISH


class PortalAccountAdapter(DefaultAccountAdapter):
    """No open sign-up; every email in its recipient's language."""

    def is_open_for_signup(self, request):
        return False  # people join by invitation from staff

    def send_mail(self, template_prefix, email, context):
        language = language_for_email(email)
        # Links were built in the sender's language: point them at the recipient's.
        for key, value in list(context.items()):
            if key.endswith("_url") and isinstance(value, str):
                context[key] = translate_url(value, language)
        context.setdefault("site_url", settings.SITE_URL)
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        if user.preferred_language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        return translate_url(url, language) if language else url
