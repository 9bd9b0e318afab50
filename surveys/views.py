"""Survey pages: focal points answer for their city; staff open, follow and export."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from audit.decorators import audited_export
from members.models import City
from strongcities.decorators import permission_required
from strongcities.permissions import engagement_scope
from strongcities.ratelimit import rate_limited
from surveys import exports, preferences, selectors, services
from surveys.delivery import resend as resend_delivery
from surveys.forms import AnswerForm
from surveys.models import ReminderDelivery, Response, Survey, SurveyDelivery

OUTBOX_PAGE = 50


def _city(request, pk=None, city_id=None, **kwargs):
    return get_object_or_404(City, pk=city_id)


# --- focal points ------------------------------------------------------------------


@permission_required("surveys.answer")
def my_surveys(request):
    return render(
        request, "surveys/my_surveys.html", {"rows": selectors.my_survey_rows(request.user)}
    )


def personal_link(request, token):
    """The link in a survey email: sign in, then land on the city's answer page."""
    data = services.read_personal_token(token)
    if data is None:
        raise Http404
    target = reverse("surveys:answer", kwargs={"pk": data["s"], "city_id": data["c"]})
    if not request.user.is_authenticated:
        return redirect_to_login(target)
    return redirect(target)


@csrf_exempt  # the signed token is the credential; mail programs post without a session
def unsubscribe(request, token):
    """The link in reminders and their List-Unsubscribe header. A GET only asks (mail
    scanners follow links); a POST stops reminders, including the one-click POST a mail
    program sends (RFC 8058). The page also turns them back on."""
    user = preferences.user_from_unsubscribe_token(token)
    if user is None:
        raise Http404
    done = ""
    if request.method == "POST":
        if request.POST.get("action") == "resubscribe":
            preferences.opt_back_in_to_reminders(user)
            done = "resubscribed"
        else:
            preferences.opt_out_of_reminders(user)
            done = "unsubscribed"
    return render(
        request,
        "surveys/unsubscribe.html",
        {"done": done, "person": user, "opted_out": preferences.has_opted_out(user)},
    )


@permission_required("surveys.answer", _city)
@rate_limited("survey_answer")
def answer(request, pk, city_id, obj):
    city = obj
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), pk=pk)
    if not services.is_addressed_to(survey, city):
        raise Http404
    questions = selectors.questions_of(survey)
    response = services.response_for(survey, city)
    stored = selectors.answers_by_response([response]).get(response.pk, {}) if response else {}
    editable = services.accepts_answers(survey) and not (
        response and response.status == Response.Status.SUBMITTED
    )
    form = AnswerForm(questions=questions, initial_values=stored)
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions, initial_values=stored)
        if not editable:
            form.is_valid()
            form.add_error(None, _("This survey is closed; answers can no longer be changed."))
        elif form.is_valid():
            submit = "submit" in request.POST
            try:
                result = services.save_response(
                    survey=survey, city=city, user=request.user, values=form.values(), submit=submit
                )
            except services.RequiredAnswersMissing as exc:
                form.mark_missing(exc.questions)
                form.add_error(None, exc.messages[0])
                response = exc.response
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                if result.submitted:
                    messages.success(request, _("Thank you: your city's answers were submitted."))
                else:
                    messages.success(request, _("Your draft was saved."))
                return redirect(request.path)
    answers = (
        [(q, selectors.readable(q, stored.get(q.pk))) for q in questions] if not editable else []
    )
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "city": city,
            "form": form,
            "response": response,
            "editable": editable,
            "answers": answers,
        },
        status=200,
    )


# --- staff -----------------------------------------------------------------------------


def _survey_for_staff(request, pk=None, **kwargs):
    return get_object_or_404(selectors.surveys_visible_to(request.user), pk=pk)


@permission_required("surveys.view_results")
def manage_list(request):
    surveys = selectors.surveys_visible_to(request.user).order_by("-opens_on", "-pk")
    page = Paginator(surveys, 50).get_page(request.GET.get("page"))
    return render(request, "surveys/manage_list.html", {"page": page})


@permission_required("surveys.view_results", _survey_for_staff)
def results(request, pk, obj):
    survey = obj
    scope = engagement_scope(request.user)
    rates, total = services.response_rates(survey, scope)
    responses = selectors.responses_visible_to(request.user, survey)
    outbox = {}
    for status in SurveyDelivery.Status:
        outbox[status.label] = 0
    for status, n in (
        SurveyDelivery.objects.filter(survey=survey, city__in=scope)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        outbox[SurveyDelivery.Status(status).label] = n
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "rates": rates,
            "total": total,
            "responses": responses,
            "outbox": outbox,
        },
    )


@permission_required("surveys.view_results", _survey_for_staff)
def response_detail(request, pk, response_id, obj):
    survey = obj
    response = get_object_or_404(
        selectors.responses_visible_to(request.user, survey), pk=response_id
    )
    questions = selectors.questions_of(survey)
    stored = selectors.answers_by_response([response]).get(response.pk, {})
    answers = [(q, selectors.readable(q, stored.get(q.pk))) for q in questions]
    return render(
        request,
        "surveys/response_detail.html",
        {"survey": survey, "response": response, "answers": answers},
    )


@permission_required("surveys.view_results", _survey_for_staff)
@audited_export("survey-answers")
def export(request, pk, fmt, obj):
    survey = obj
    responses = selectors.responses_visible_to(request.user, survey)
    name = f"survey-{survey.pk}-answers"
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(survey, responses), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(survey, responses),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_POST
@permission_required("surveys.manage", _survey_for_staff)
def open_view(request, pk, obj):
    try:
        queued = services.open_survey(obj, opened_by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if obj.opens_on > timezone.localdate():
            text = _("The survey is open; the requests go out on %(date)s.") % {
                "date": date_format(obj.opens_on)
            }
        else:
            text = _("The survey is open; %(n)d requests are on their way.") % {"n": queued}
        messages.success(request, text)
    return redirect("surveys:results", pk=obj.pk)


@require_POST
@permission_required("surveys.manage", _survey_for_staff)
def close_view(request, pk, obj):
    services.close_survey(obj)
    messages.success(request, _("The survey is closed."))
    return redirect("surveys:results", pk=obj.pk)


OUTBOX_MODELS = {"survey": SurveyDelivery, "reminder": ReminderDelivery}


@permission_required("surveys.manage")
def outbox(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "survey")
    model = OUTBOX_MODELS.get(kind, SurveyDelivery)
    rows = model.objects.select_related("recipient", "city").order_by("-created_at", "-pk")
    rows = rows.select_related("survey" if model is SurveyDelivery else "rule")
    if status in model.Status.values:
        rows = rows.filter(status=status)
    page = Paginator(rows, OUTBOX_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/outbox.html",
        {
            "page": page,
            "kind": "reminder" if model is ReminderDelivery else "survey",
            "status": status,
            "statuses": model.Status.choices,
        },
    )


@require_POST
@permission_required("surveys.manage")
def resend(request, kind, pk):
    model = OUTBOX_MODELS.get(kind)
    if model is None:
        raise Http404
    row = get_object_or_404(model, pk=pk, status=model.Status.FAILED)
    resend_delivery(row)
    messages.success(request, _("The message is queued again."))
    return redirect(f"{reverse('surveys:outbox')}?kind={kind}&status=failed")
