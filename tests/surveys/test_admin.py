"""Staff build surveys in the admin: one tab per language, questions of every type
inline, and clear translated errors that keep what was typed."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db

QUESTIONS = [
    # kind, English text, English choices, French choices, required
    ("single", "Do you have a prevention plan?", "Yes\nNo", "Oui\nNon", True),
    ("multiple", "Which topics matter most?", "Youth\nHate", "Jeunesse\nHaine", False),
    ("short", "Name of the programme", "", "", False),
    ("long", "Describe your approach", "", "", True),
    ("number", "Staff working on prevention", "", "", False),
    ("scale", "How useful is the network?", "", "", True),
]


def survey_form(network, *, opens_on="2026-06-01", closes_on="2026-06-30", **extra):
    data = {
        "title_en": "Youth engagement 2026",
        "title_fr": "Engagement des jeunes 2026",
        "title_ar": "مشاركة الشباب 2026",
        "intro_en": "Tell us how your city works with young people.",
        "intro_fr": "",
        "intro_ar": "",
        "audience": "hubs",
        "hubs": [network.hub_a.pk],
        "opens_on": opens_on,
        "closes_on": closes_on,
        "reminder_max_count": "3",
        "reminder_min_days": "5",
        "questions-TOTAL_FORMS": str(len(QUESTIONS)),
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for i, (kind, text, choices_en, choices_fr, required) in enumerate(QUESTIONS):
        prefix = f"questions-{i}-"
        data.update(
            {
                prefix + "position": str(i + 1),
                prefix + "text_en": text,
                prefix + "text_fr": f"{text} (fr)",
                prefix + "text_ar": "",
                prefix + "help_text_en": "",
                prefix + "help_text_fr": "",
                prefix + "help_text_ar": "",
                prefix + "kind": kind,
                prefix + "choices_en": choices_en,
                prefix + "choices_fr": choices_fr,
                prefix + "choices_ar": "",
                prefix + "scale_min": "1",
                prefix + "scale_max": "5",
            }
        )
        if required:
            data[prefix + "required"] = "on"
    data.update(extra)
    return data


def add_url():
    return reverse("admin:surveys_survey_add")  # the admin has no language prefix


def test_staff_build_a_trilingual_survey_with_every_question_type(network, client_as):
    client = client_as(network.users["mu"])
    page = client.get(add_url())
    assert page.status_code == 200
    assert 'name="title_ar"' in page.content.decode()  # one tab per language
    response = client.post(add_url(), survey_form(network))
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get(title_en="Youth engagement 2026")
    assert (survey.title_fr, survey.status) == ("Engagement des jeunes 2026", "draft")
    assert list(survey.hubs.all()) == [network.hub_a]
    assert (survey.reminder_max_count, survey.reminder_min_days) == (3, 5)
    questions = list(survey.questions.order_by("position"))
    assert [q.kind for q in questions] == [k for k, *_ in QUESTIONS]
    assert {q.kind for q in questions} == set(Question.Kind.values)
    assert [q.required for q in questions] == [r for *_, r in QUESTIONS]
    assert questions[0].choices_fr == "Oui\nNon"


def test_a_survey_closing_before_it_opens_gets_a_translated_error_and_keeps_the_input(
    network, client_as
):
    client = client_as(network.users["mu"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    data = survey_form(network, opens_on="2026-06-30", closes_on="2026-06-01")
    response = client.post(add_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    with translation.override("fr"):
        assert gettext("A survey must close after it opens.") in html
    assert "Engagement des jeunes 2026" in html  # what was typed is still there
    assert not Survey.objects.exists()


def test_an_audience_needs_its_hubs_or_cities_and_choices_need_two_lines(network, client_as):
    client = client_as(network.users["mu"])
    data = survey_form(network, hubs=[])
    data["questions-0-choices_en"] = "Yes"
    data["questions-0-choices_fr"] = "Oui"
    html = client.post(add_url(), data).content.decode()
    assert "Choose at least one regional hub." in html
    assert "Give at least two choices, one per line." in html
    data = survey_form(network, audience="cities")
    assert "Choose at least one city." in client.post(add_url(), data).content.decode()
    assert not Survey.objects.exists()


def test_once_open_the_questions_kind_is_fixed_in_the_admin(network, client_as):
    from tests.surveys.conftest import make_survey

    survey = make_survey(status=Survey.Status.OPEN)
    client = client_as(network.users["mu"])
    html = client.get(reverse("admin:surveys_survey_change", args=[survey.pk])).content.decode()
    assert 'name="questions-0-kind"' not in html  # read only: answers refer to it
    assert 'name="questions-0-text_en"' in html  # wording may still be fixed
