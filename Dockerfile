# Strong Cities Network portal: one image for the web server, the Celery worker and beat.
# The entrypoint (docker/entrypoint.sh) takes "web", "worker" or "beat"; see docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    DJANGO_SETTINGS_MODULE=strongcities.settings

# gettext provides msgfmt for compilemessages; chromium (with an Arabic-capable font)
# prints the annual report as PDF (steering/report_exports.py); postgresql-client gives
# `manage.py backup` and `restore` pg_dump and pg_restore (at least the server's version).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext chromium fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /home/app --create-home \
        --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so that source changes reuse this layer.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
# Optional packages, e.g. EXTRA_PIP="django-storages[s3]" for uploads in a bucket.
ARG EXTRA_PIP=""
RUN if [ -n "$EXTRA_PIP" ]; then pip install --no-cache-dir $EXTRA_PIP; fi

# The source stays owned by root (read-only to the app user); only var/ is writable.
COPY . .

# The settings refuse to load without SECRET_KEY when DEBUG is off: a throwaway value serves
# these two build steps only and is not kept in the image. DEBUG=0 selects whitenoise's
# CompressedManifestStaticFilesStorage, which is what runs in production.
RUN SECRET_KEY=build-only-not-a-secret DEBUG=0 python manage.py compilemessages --ignore=.venv \
    && SECRET_KEY=build-only-not-a-secret DEBUG=0 python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/private /app/var/backups \
    && chown -R app:app /app/var \
    && chmod 0755 /app/docker/entrypoint.sh

USER app

EXPOSE 8000

# GET /healthz answers 200 while the database is reachable (it is exempt from the SSL
# redirect). The Host header is one the settings accept: the first ALLOWED_HOSTS entry,
# else SITE_URL's host. Worker and beat containers override this in docker-compose.yml.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import os, sys, urllib.parse, urllib.request; hosts = [h.strip().lstrip('.') for h in os.environ.get('ALLOWED_HOSTS', '').split(',') if h.strip() not in ('', '*')]; host = hosts[0] if hosts else (urllib.parse.urlsplit(os.environ.get('SITE_URL', '')).hostname or 'localhost'); sys.exit(0 if urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4).status == 200 else 1)" || exit 1

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# Plain gunicorn (no migrations). docker-compose.yml runs "serve" on each web node, after
# its one-shot "migrate" service; "web" migrates (and warms the cache) first, for one node.
CMD ["gunicorn", "strongcities.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-class", "gthread", "--threads", "4", "--access-logfile", "-"]
