"""The floor: the same gunicorn serving a bare Django view (no database, a tiny
template), so the portal's figures are read as ratios to what Django itself costs
on this machine, measured minutes apart in the same run."""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.template import engines
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
)
django.setup()

TEMPLATE = engines["django"].from_string(
    "<!DOCTYPE html><html lang=en><title>{{ title }}</title><p>{{ text }}</p></html>"
)


def floor(request):
    return HttpResponse(TEMPLATE.render({"title": "Floor", "text": "A bare Django view."}))


urlpatterns = [path("", floor)]
application = get_wsgi_application()
