"""Request ids in every log line, carried into the Celery tasks a request queues;
JSON logs in production; Sentry when SENTRY_DSN is set.

One request id per request: taken from an incoming X-Request-ID header when it looks
like one (a proxy or load balancer may set it), else made here, and returned in the
response's X-Request-ID. A task queued during the request carries it in its message
headers, so the worker's log lines for that task show the same id.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and - _ . : only, bounded: a header must not inject text into logs.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
task_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("task", default=None)


def current_request_id() -> str | None:
    return request_id_var.get()


def new_request_id() -> str:
    return uuid.uuid4().hex


# --- log records ---------------------------------------------------------------------


def install_log_record_factory() -> None:
    """Every log record, from any logger and for any handler, gets `request_id` and
    `task` attributes ("-" outside a request or task), so formats can always use them."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "_adds_request_id", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        record.request_id = request_id_var.get() or "-"
        record.task = task_var.get() or "-"
        return record

    factory._adds_request_id = True
    logging.setLogRecordFactory(factory)


def logging_config(*, json_logs: bool, level: str) -> dict:
    """The LOGGING setting: one console handler, JSON lines or readable text."""
    readable = "%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s %(task)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": "time",  # ISO 8601, UTC
            },
            "readable": {"format": readable},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_logs else "readable",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django.db.backends": {"level": "WARNING"}},
    }


# --- requests ------------------------------------------------------------------------


class RequestIdMiddleware:
    """Outermost middleware: everything logged while handling the request has its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if VALID_REQUEST_ID.match(incoming) else new_request_id()
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


# --- Celery ----------------------------------------------------------------------------


def connect_celery_signals() -> None:
    from celery import signals

    signals.before_task_publish.connect(_add_request_id_header, weak=False)
    signals.task_prerun.connect(_task_started, weak=False)
    signals.task_postrun.connect(_task_finished, weak=False)


def _add_request_id_header(sender=None, headers=None, **kwargs):
    request_id = request_id_var.get()
    if request_id and headers is not None and "request_id" not in headers:
        headers["request_id"] = request_id


_task_tokens: dict[str, tuple] = {}


def _task_started(sender=None, task_id=None, task=None, **kwargs):
    request_id = getattr(task.request, "request_id", None) if task is not None else None
    tokens = [task_var.set(f"{getattr(task, 'name', sender)}[{task_id}]")]
    # A task run inline (eagerly) inside a request keeps that request's id.
    if request_id and VALID_REQUEST_ID.match(str(request_id)):
        tokens.append(request_id_var.set(str(request_id)))
    _task_tokens[task_id] = tuple(tokens)


def _task_finished(sender=None, task_id=None, **kwargs):
    tokens = _task_tokens.pop(task_id, ())
    for token in reversed(tokens):
        token.var.reset(token)


# --- Sentry -----------------------------------------------------------------------------


def init_sentry(dsn: str, *, environment: str, traces_sample_rate: float, release: str = ""):
    """Send errors to Sentry (only called when SENTRY_DSN is set). No personal data:
    no cookies, user details or request bodies; the request id is a tag."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as error:  # a configured DSN must not be ignored silently
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed (pip install sentry-sdk)."
        ) from error

    def tag_request_id(event, hint):
        request_id = request_id_var.get()
        if request_id:
            event.setdefault("tags", {})["request_id"] = request_id
        return event

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        max_request_body_size="never",
        integrations=[DjangoIntegration(), CeleryIntegration()],
        before_send=tag_request_id,
    )
    return True
