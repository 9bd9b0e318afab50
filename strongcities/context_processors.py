from django.conf import settings
from django.utils import translation


def portal(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "text_direction": "rtl" if language in settings.RTL_LANGUAGES else "ltr",
        "SITE_URL": settings.SITE_URL,
    }
