from django.conf import settings
from django.utils import translation

from strongcities import text


def portal(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "text_direction": text.direction(language),
        "SITE_URL": settings.SITE_URL,
    }
