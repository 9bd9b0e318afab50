"""Who, from where and in which request: filled into every audit entry when it is written.

The middleware only remembers the request; nothing is looked up until an entry is
actually written, so requests that change nothing pay nothing. auditlog's own
middleware is not used: it trusts the first X-Forwarded-For address, which any client
can forge, and it loads the signed-in user on every request.
"""

import re
import uuid
from contextvars import ContextVar

from django.conf import settings

_current_request: ContextVar = ContextVar("audit_current_request", default=None)

REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class AuditContextMiddleware:
    """Place after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def current_request():
    return _current_request.get()


def request_id(request) -> str:
    """The request's id: the one the observability middleware or the proxy gave it if
    any (request.request_id, X-Request-ID), otherwise one made here once per request."""
    given = getattr(request, "request_id", None)
    if given:
        return str(given)[:64]
    made = getattr(request, "_audit_request_id", None)
    if made is None:
        header = request.META.get(REQUEST_ID_HEADER, "")
        made = header if _REQUEST_ID.match(header) else uuid.uuid4().hex
        request._audit_request_id = made
    return made


def current_request_id() -> str | None:
    """AUDITLOG_CID_GETTER: auditlog stores it as the entry's correlation id."""
    request = current_request()
    if request is not None:
        return request_id(request)
    task = _current_task()
    return task.request.id if task is not None else None


def client_address(request) -> str | None:
    """The client's address. Behind N trusted proxies (TRUSTED_PROXY_COUNT, the setting
    allauth's sign-in limits read) the Nth address from the end of X-Forwarded-For: each
    proxy appends the address it saw, and the first ones can be written by anyone."""
    proxies = int(getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return _without_port(hops[-proxies])
    return request.META.get("REMOTE_ADDR") or None


def _without_port(address: str) -> str:
    if address.startswith("["):  # [::1]:443
        return address[1:].split("]", 1)[0]
    if address.count(":") == 1:  # 203.0.113.9:443
        return address.split(":", 1)[0]
    return address


def _current_task():
    from celery import current_task

    if current_task and getattr(current_task.request, "id", None):
        return current_task
    return None


def fill_from_context(entry) -> None:
    """Complete a new entry with the actor, address, request id and origin it lacks."""
    request = current_request()
    if request is not None:
        user = getattr(request, "user", None)
        if entry.actor_id is None and user is not None and user.is_authenticated:
            entry.actor = user
        if entry.remote_addr is None:
            entry.remote_addr = client_address(request)
        if not entry.cid:
            entry.cid = request_id(request)
        if not entry.request_path:
            entry.request_path = f"{request.method} {request.path}"[:300]
    else:
        task = _current_task()
        if task is not None:
            entry.cid = entry.cid or task.request.id
            entry.request_path = entry.request_path or f"task {task.name}"[:300]
    if entry.actor_id and not entry.actor_email:
        entry.actor_email = entry.actor.email
