import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from audit import services as audit
from privacy import erasure
from privacy.export import personal_data
from privacy.forms import ErasePersonForm, FindPersonForm
from privacy.labels import is_erased_address, role_names
from strongcities.decorators import permission_required
from strongcities.permissions import grants_for

ERASE = "privacy.erase_person"


def policy(request):
    return render(
        request,
        "privacy/policy.html",
        {
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
            "audit_days": settings.AUDIT_RETENTION_DAYS,
            "ticket_days": settings.HELPDESK_TEXT_RETENTION_DAYS,
            "invitation_days": settings.INVITATION_RETENTION_DAYS + settings.INVITATION_VALID_DAYS,
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@permission_required("portal.view_account")
def my_data(request):
    """The person's own data: a page, and the same as a JSON or HTML file."""
    data = personal_data(request.user)
    fmt = request.GET.get("format", "")
    if fmt not in ("json", "html"):
        return render(request, "privacy/my_data.html", {"data": data})
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    if fmt == "json":
        body = json.dumps(data.as_json(), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = render_to_string(
            "privacy/my_data_file.html",
            {
                "data": data,
                "person": request.user,
                "LANGUAGE_CODE": get_language(),
                "LANGUAGE_BIDI": get_language_bidi(),
            },
            request=request,
        )
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strongcities-my-data-{stamp}.{fmt}"'
    audit.record(
        audit.Kind.PERSONAL_DATA,
        actor=request.user,
        subject_user=request.user,
        obj=request.user,
        details={"format": fmt},
    )
    return response


@permission_required(ERASE)
def erase_search(request):
    """Find where an address appears; people without an account are erased here.
    Both steps are POSTs, so the address never lands in a URL or a server log."""
    find = FindPersonForm(request.POST if request.method == "POST" else None)
    found = erase = None
    if find.is_valid():
        email = find.cleaned_data["email"]
        found = erasure.find_by_address(email)
        if found.anything and found.account is None:
            confirming = request.POST.get("step") == "erase"
            erase = ErasePersonForm(request.POST if confirming else None)
            if confirming and erase.is_valid():
                try:
                    erasure.erase_address(
                        email, by=request.user, reason=erase.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, _("Every record of this address was erased."))
                return redirect("privacy:erase")
    return render(
        request, "privacy/erase_search.html", {"find": find, "found": found, "erase": erase}
    )


@permission_required(ERASE)
def erase_person(request, pk: int):
    person = get_object_or_404(get_user_model(), pk=pk)
    already = is_erased_address(person.email)
    form = ErasePersonForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            result = erasure.erase_person(
                person, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The person was erased: %(count)s records changed.")
                % {"count": sum(result.counts.values())},
            )
            return redirect("audit:person", pk=person.pk)
    return render(
        request,
        "privacy/erase_person.html",
        {
            "person": person,
            "already": already,
            "is_self": person.pk == request.user.pk,
            "roles": role_names(grants_for(person).roles),
            "form": form,
        },
    )
