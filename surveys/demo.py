"""Demo surveys: the 2025 needs survey (closed, answered by several demo cities) and
an open 2026 youth engagement survey. Idempotent: rows are found by natural keys."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from members.models import City, EngagementRecord, FocalPoint
from members.services import reachable_focal_points, record_engagement
from surveys.models import Answer, Question, Response, Survey, SurveyDelivery

LANGUAGES = ("ar", "en", "fr")


def _tr(field: str, values: dict) -> dict:
    return {f"{field}_{code}": values.get(code, "") for code in LANGUAGES}


YES_NO = {
    "en": "Yes\nNo\nIn preparation",
    "fr": "Oui\nNon\nEn préparation",
    "ar": "نعم\nلا\nقيد الإعداد",
}

NEEDS_2025 = {
    "title": {
        "en": "Members' needs and priorities 2025",
        "fr": "Besoins et priorités des membres 2025",
        "ar": "احتياجات الأعضاء وأولوياتهم 2025",
    },
    "intro": {
        "en": "Each year the Management Unit asks members about their needs and priorities, "
        "to plan training, capacity building and the work of the regional hubs.",
        "fr": "Chaque année, l'Unité de gestion interroge les membres sur leurs besoins et "
        "priorités pour planifier la formation, le renforcement des capacités et le travail "
        "des pôles régionaux.",
        "ar": "تسأل وحدة الإدارة الأعضاء كل عام عن احتياجاتهم وأولوياتهم، من أجل تخطيط التدريب "
        "ودعم بناء القدرات وعمل المراكز الإقليمية.",
    },
    "opens_on": datetime.date(2025, 3, 3),
    "closes_on": datetime.date(2025, 4, 30),
    "status": Survey.Status.CLOSED,
    "questions": [
        {
            "kind": Question.Kind.SINGLE,
            "text": {
                "en": "Does your city have a plan to prevent hate, extremism and polarisation?",
                "fr": "Votre ville a-t-elle un plan pour prévenir la haine, l'extrémisme et la "
                "polarisation ?",
                "ar": "هل لدى مدينتكم خطة لمنع الكراهية والتطرف والاستقطاب؟",
            },
            "choices": YES_NO,
        },
        {
            "kind": Question.Kind.MULTIPLE,
            "required": False,
            "text": {
                "en": "Which strategic priorities matter most to your city this year?",
                "fr": "Quelles priorités stratégiques comptent le plus pour votre ville cette "
                "année ?",
                "ar": "ما الأولويات الاستراتيجية الأهم لمدينتكم هذا العام؟",
            },
            "choices": {
                "en": "City-to-city engagement\nNational–local coordination\nCity mandates and "
                "programmes\nCity–youth engagement\nVoice and leadership of mayors",
                "fr": "Coopération entre villes\nCoordination nationale-locale\nMandats et "
                "programmes des villes\nEngagement villes–jeunesse\nVoix et leadership des maires",
                "ar": "التفاعل بين المدن\nالتنسيق الوطني والمحلي\nولايات المدن وبرامجها\n"
                "المشاركة بين المدن والشباب\nأصوات رؤساء البلديات وقيادتهم",
            },
        },
        {
            "kind": Question.Kind.SCALE,
            "text": {
                "en": "How useful has the network's support been to your city? (1 = not at "
                "all, 5 = very)",
                "fr": "Quelle a été l'utilité du soutien du réseau pour votre ville ? (1 = "
                "aucune, 5 = très grande)",
                "ar": "ما مدى فائدة دعم الشبكة لمدينتكم؟ (1 = لا فائدة، 5 = فائدة كبيرة)",
            },
        },
        {
            "kind": Question.Kind.LONG,
            "required": False,
            "text": {
                "en": "What support would help your city most in the coming year?",
                "fr": "Quel soutien aiderait le plus votre ville l'année prochaine ?",
                "ar": "ما الدعم الذي سيساعد مدينتكم أكثر في العام المقبل؟",
            },
        },
        {
            "kind": Question.Kind.NUMBER,
            "required": False,
            "text": {
                "en": "How many people in your local government work on prevention?",
                "fr": "Combien de personnes travaillent sur la prévention dans votre "
                "collectivité locale ?",
                "ar": "كم عدد العاملين على الوقاية في حكومتكم المحلية؟",
            },
        },
    ],
    # city (country/slug) → answers in question order; choices are line numbers
    "answers": {
        "ZA/cape-town": [0, [0, 3], 5, "Training for ward councillors on incident response.", 6],
        "UG/kampala": [2, [3], 4, "Support to set up a youth advisory group.", 2],
        "JO/amman": [0, [1, 3], 4, "دعم في التنسيق بين الوزارات والبلدية.", 9],
        "MA/rabat": [0, [0, 4], 5, "Un échange avec une ville du réseau sur la médiation.", 4],
        "MK/kumanovo": [0, [0, 1], 5, "Peer learning with other Western Balkans cities.", 3],
        "KE/nairobi": [2, [2], 3, "Help drafting a prevention strategy.", 5],
        "LB/beirut": [1, [2, 3], 3, "", None],
    },
}

YOUTH_2026 = {
    "title": {
        "en": "City–youth engagement survey 2026",
        "fr": "Enquête sur l'engagement villes–jeunesse 2026",
        "ar": "استطلاع المشاركة بين المدن والشباب 2026",
    },
    "intro": {
        "en": "Help us plan the Young Cities programme: tell us how young people take part "
        "in your city's prevention work.",
        "fr": "Aidez-nous à préparer le programme Young Cities : dites-nous comment les "
        "jeunes participent au travail de prévention de votre ville.",
        "ar": "ساعدونا في تخطيط برنامج المدن الفتية: أخبرونا كيف يشارك الشباب في عمل الوقاية "
        "في مدينتكم.",
    },
    "opens_on": datetime.date(2026, 11, 16),
    "closes_on": datetime.date(2027, 1, 31),
    "status": Survey.Status.OPEN,
    "questions": [
        {
            "kind": Question.Kind.SINGLE,
            "text": {
                "en": "Does your city have a youth council or a similar body?",
                "fr": "Votre ville a-t-elle un conseil des jeunes ou un organe similaire ?",
                "ar": "هل لدى مدينتكم مجلس شباب أو هيئة مماثلة؟",
            },
            "choices": YES_NO,
        },
        {
            "kind": Question.Kind.LONG,
            "text": {
                "en": "Describe one way young people took part in your city's prevention work "
                "this year.",
                "fr": "Décrivez une façon dont les jeunes ont participé au travail de prévention "
                "de votre ville cette année.",
                "ar": "صفوا طريقة واحدة شارك بها الشباب في عمل الوقاية في مدينتكم هذا العام.",
            },
        },
        {
            "kind": Question.Kind.SCALE,
            "required": False,
            "text": {
                "en": "How ready is your city to host a Young Cities activity? (1 = not yet, "
                "5 = ready)",
                "fr": "Votre ville est-elle prête à accueillir une activité Young Cities ? "
                "(1 = pas encore, 5 = prête)",
                "ar": "ما مدى جاهزية مدينتكم لاستضافة نشاط للمدن الفتية؟ (1 = ليست بعد، 5 = جاهزة)",
            },
        },
    ],
    "answers": {
        "KE/nairobi": [0, "Young people co-designed our community dialogue series.", 4],
    },
}


def _survey(data) -> Survey:
    survey, _ = Survey.objects.update_or_create(
        title_en=data["title"]["en"],
        defaults={
            **_tr("title", data["title"]),
            **_tr("intro", data["intro"]),
            "title": data["title"]["en"],
            "intro": data["intro"]["en"],
            "audience": Survey.Audience.ALL_MEMBERS,
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "status": data["status"],
            "reminder_max_count": 2,
            "reminder_min_days": 10,
            "opened_at": timezone.make_aware(
                datetime.datetime.combine(data["opens_on"], datetime.time(8))
            ),
        },
    )
    questions = []
    for position, q in enumerate(data["questions"], start=1):
        question, _ = Question.objects.update_or_create(
            survey=survey,
            position=position,
            defaults={
                "kind": q["kind"],
                "required": q.get("required", True),
                **_tr("text", q["text"]),
                "text": q["text"]["en"],
                **_tr("choices", q.get("choices", {})),
                "choices": q.get("choices", {}).get("en", ""),
            },
        )
        questions.append(question)
    submitted_at = timezone.make_aware(
        datetime.datetime.combine(
            min(data["closes_on"], max(data["opens_on"], timezone.localdate()))
            - datetime.timedelta(days=1),
            datetime.time(10),
        )
    )
    cities = {f"{c.country.code}/{c.slug}": c for c in City.objects.all()}
    for ref, values in data["answers"].items():
        city = cities.get(ref)
        if city is None:
            continue
        focal = FocalPoint.objects.filter(city=city, is_active=True).order_by("-is_primary").first()
        user = focal.user if focal else None
        response, _ = Response.objects.update_or_create(
            survey=survey,
            city=city,
            defaults={
                "status": Response.Status.SUBMITTED,
                "submitted_by": user,
                "submitted_at": submitted_at,
                "updated_by": user,
            },
        )
        for question, value in zip(questions, values, strict=True):
            if value in (None, ""):
                continue
            Answer.objects.update_or_create(
                response=response, question=question, defaults={"value": value}
            )
        record_engagement(
            city=city,
            kind=EngagementRecord.Kind.SURVEY_ANSWERED,
            occurred_on=submitted_at.date(),
            source=response,
            title=data["title"]["en"],
        )
    # the requests went out when the survey opened: recorded as sent, so the demo
    # sends nothing now and the reminder sweep counts from the opening
    rows = [
        SurveyDelivery(
            survey=survey,
            city_id=city_id,
            recipient_id=user_id,
            language=language,
            kind=SurveyDelivery.Kind.REQUEST,
            status=SurveyDelivery.Status.SENT,
            attempts=1,
            sent_at=survey.opened_at,
        )
        for city_id, user_id, language in reachable_focal_points(
            City.objects.members()
        ).values_list("city_id", "user_id", "user__preferred_language")
    ]
    SurveyDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    return survey


@transaction.atomic
def seed_demo_surveys() -> list[Survey]:
    from surveys.reminders import install_default_rules

    install_default_rules()
    return [_survey(NEEDS_2025), _survey(YOUTH_2026)]
