"""A reference beside the floor: the floor's bare view for a signed-in person, with only
what Django itself does for one, and nothing of the portal.

Django's session middleware reads a `cached_db` session from Redis. The authentication
middleware reads the user from PostgreSQL. The CSRF middleware and `{% csrf_token %}`
put a token in a sign-out form. The apps, middleware and engines are Django's own, with
stock settings. It tells how much of the floor any signed-in page has left before it does
its own work. It is not part of the portal's URLs.

    python signed_in.py prepare   # once per run: tables, a person, their session cookie
    gunicorn signed_in:application

It reads FLOOR_DATABASE_URL (a database of its own) and CACHE_URL from the environment.
"""

import os
import sys

import dj_database_url
import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse, HttpResponseForbidden
from django.template import engines
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-floor-only",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "django.contrib.sessions",
    ],
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
    ],
    DATABASES={"default": dj_database_url.parse(os.environ["FLOOR_DATABASE_URL"], conn_max_age=60)},
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": "bench-floor-signed-in",
        }
    },
    SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    TEMPLATES=[
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"context_processors": ["django.template.context_processors.csrf"]},
        }
    ],
    USE_TZ=True,
)
django.setup()

TEMPLATE = engines["django"].from_string(
    "<!DOCTYPE html><html lang=en><title>{{ title }}</title><p>{{ user.get_username }}</p>"
    '<form method="post" action="/sign-out/">{% csrf_token %}<button>Sign out</button></form>'
    "</html>"
)
EMAIL = "floor@bench.example"


def signed_in_floor(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden()
    return HttpResponse(TEMPLATE.render({"title": "Floor", "user": request.user}, request))


urlpatterns = [
    path("", signed_in_floor),
    path("healthz", lambda request: HttpResponse("ok")),  # for the runner to see it is up
]
application = get_wsgi_application()


def prepare() -> str:
    """Migrate, make the person and a session of theirs; the Cookie header for it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    person, _ = User.objects.get_or_create(username=EMAIL, defaults={"email": EMAIL})
    person.set_password("bench-floor-only")
    person.save()
    session = SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


if __name__ == "__main__" and sys.argv[1:] == ["prepare"]:
    print(prepare())
