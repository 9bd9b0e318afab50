"""Objects and URL arguments the role matrix (tests/test_role_matrix.py) needs for surveys.

The matrix survey is open to all members; city A has a draft answer, and there is one
survey email and one reminder-rule email, so every admin page resolves.
"""

from surveys.models import (
    Answer,
    ReminderDelivery,
    ReminderOptOut,
    ReminderRule,
    Response,
    SurveyDelivery,
)
from surveys.reminders import install_default_rules
from tests.surveys.conftest import make_survey


def add_surveys_matrix_objects(net) -> None:
    install_default_rules()  # a transactional test earlier may have flushed them
    survey = make_survey(status="open")
    response = Response.objects.create(survey=survey, city=net.city_a)
    Answer.objects.create(response=response, question=survey.questions.first(), value=0)
    SurveyDelivery.objects.create(
        survey=survey, city=net.city_a, recipient=net.user("focal_a"), kind="request"
    )
    ReminderDelivery.objects.create(
        rule=ReminderRule.objects.order_by("pk").first(),
        city=net.city_a,
        recipient=net.user("focal_a"),
        period="2026",
    )
    ReminderOptOut.objects.create(user=net.user("focal_b"))


def surveys_url_kwargs(net) -> dict:
    response = Response.objects.order_by("pk").first()
    if response is None:
        return {}
    survey = {"pk": response.survey_id}
    return {
        "surveys:personal-link": {"token": "not-a-real-token"},
        "surveys:unsubscribe": {"token": "not-a-real-token"},
        "surveys:answer": {"pk": response.survey_id, "city_id": net.city_a.pk},
        "surveys:results": survey,
        "surveys:open": survey,
        "surveys:close": survey,
        "surveys:export": {"pk": response.survey_id, "fmt": "csv"},
        "surveys:response": {"pk": response.survey_id, "response_id": response.pk},
        "surveys:resend": {"kind": "survey", "pk": SurveyDelivery.objects.first().pk},
    }
