"""Operations pages: the staff status page, security.txt, public media, the 429 page."""

from __future__ import annotations

import datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from strongcities.decorators import permission_required
from strongcities.release import code_release
from strongcities.status import status_report
from strongcities.uploads import kind_of_stored

# The only folders of MEDIA_ROOT served to anyone: pictures meant for public pages.
# Everything private lives outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT, STEERING_PAPERS_ROOT).
PUBLIC_MEDIA_FOLDERS = ("cities/logos/", "resources/covers/")


@never_cache
@permission_required("portal.view_status")
def status_page(request):
    return render(
        request,
        "dashboard/status.html",
        {"report": status_report(), "code_release": code_release()},
    )


@require_GET
def security_txt(request):
    """RFC 9116: who to tell about a vulnerability."""
    contacts = [
        contact if ":" in contact else f"mailto:{contact}" for contact in settings.SECURITY_CONTACT
    ]
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(days=180)
    lines = [
        *(f"Contact: {contact}" for contact in contacts),
        f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en, ar, fr",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def public_media(request, path):
    """City logos and resource covers (with DEBUG or without): images only, from the
    public folders only, never guessed as another type by the browser."""
    from django.http import FileResponse

    relative = PurePosixPath(path)
    kind = kind_of_stored(path)
    if (
        ".." in relative.parts
        or relative.is_absolute()
        or not path.startswith(PUBLIC_MEDIA_FOLDERS)
        or kind is None
        or not kind.is_image
    ):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    file_path = (root / relative).resolve()
    if not file_path.is_relative_to(root) or not file_path.is_file():
        raise Http404
    response = FileResponse(file_path.open("rb"), content_type=kind.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def too_many_requests(request, exception=None, *, retry_after: int | None = None):
    """The 429 page, for our limits (strongcities.ratelimit) and allauth's (handler429)."""
    response = render(
        request, "429.html", {"retry_minutes": -(-(retry_after or 60) // 60)}, status=429
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
