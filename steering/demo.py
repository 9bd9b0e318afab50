"""Demo data for the Steering Committee: fictional people on real demo cities.

Idempotent: seats, plans, priorities, updates, meetings and papers are looked up by
natural keys, so a second run changes nothing. Runs after the demo network exists
(members/demo_data.py cities and the demo committee account).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from members.models import City
from steering.models import (
    ActionPlan,
    Committee,
    CommitteeMember,
    Decision,
    Indicator,
    Meeting,
    MeetingPaper,
    PlanPriority,
    ProgressUpdate,
)
from steering.services import COMMITTEE_PK, seat_committee_member

LANGUAGES = ("ar", "en", "fr")
RELAUNCH = datetime.date(2023, 9, 20)
DEMO_DOMAIN = "demo.strongcities.example"


def translated(field: str, values: dict) -> dict:
    return {f"{field}_{code}": values[code] for code in LANGUAGES}


MAYOR = {"en": "Mayor", "ar": "رئيس البلدية", "fr": "Maire"}
DEPUTY = {"en": "Deputy Mayor", "ar": "نائب رئيس البلدية", "fr": "Maire adjoint"}
GOVERNOR = {"en": "County Governor", "ar": "حاكم المقاطعة", "fr": "Gouverneur du comté"}
COUNCILLOR = {"en": "City Councillor", "ar": "عضو المجلس البلدي", "fr": "Conseiller municipal"}

MANDATE = {
    "en": (
        "The International Steering Committee is the member-led body of the Strong Cities "
        "Network, relaunched in September 2023. Up to 25 mayors and other local leaders from "
        "every region give the network strategic guidance, endorse its three-year strategy and "
        "set the priorities of a semi-annual action plan: training and capacity-building "
        "topics, partnerships and advocacy.\n\n"
        "Its members raise the voice and leadership of mayors and local leaders regionally "
        "and internationally."
    ),
    "ar": (
        "اللجنة التوجيهية الدولية هي الهيئة التي يقودها أعضاء شبكة المدن القوية، وقد أعيد "
        "إطلاقها في سبتمبر 2023. يقدّم ما يصل إلى 25 من رؤساء البلديات والقادة المحليين من كل "
        "المناطق التوجيه الاستراتيجي للشبكة، ويصادقون على الاستراتيجية الممتدة لثلاث سنوات، "
        "ويحددون أولويات خطة عمل نصف سنوية: موضوعات التدريب ودعم بناء القدرات، والشراكات، "
        "والمناصرة.\n\n"
        "ويعمل أعضاؤها على إعلاء أصوات رؤساء البلديات والقادة المحليين وقيادتهم على المستويين "
        "الإقليمي والدولي."
    ),
    "fr": (
        "Le Comité directeur international est l'instance du réseau Strong Cities conduite "
        "par ses membres, relancée en septembre 2023. Jusqu'à 25 maires et responsables locaux "
        "de toutes les régions donnent au réseau ses orientations stratégiques, approuvent sa "
        "stratégie triennale et fixent les priorités d'un plan d'action semestriel : thèmes de "
        "formation et de renforcement des capacités, partenariats et plaidoyer.\n\n"
        "Ses membres portent la voix et le leadership des maires et des responsables locaux "
        "aux niveaux régional et international."
    ),
}

# (email local part, display name, city "CC/slug", role, position, term start, term end)
SEATS = [
    ("committee.capetown", "Thandi Sample (fictional)", "ZA/cape-town", "co_chair", COUNCILLOR),
    ("committee.amman", "Rami Example (fictional)", "JO/amman", "co_chair", DEPUTY),
    ("committee.chattanooga", "Jordan Placeholder (fictional)", "US/chattanooga", "member", MAYOR),
    ("committee.oslo", "Ingrid Testesen (fictional)", "NO/oslo", "member", DEPUTY),
    ("committee.nairobi", "Wanjiru Demo (fictional)", "KE/nairobi", "member", COUNCILLOR),
    ("committee.mombasa", "Hamisi Mfano (fictional)", "KE/mombasa", "member", GOVERNOR),
    ("committee.tunis", "Leila Exemple (fictional)", "TN/tunis", "member", DEPUTY),
    ("committee.beirut", "Karim Namouthaj (fictional)", "LB/beirut", "member", COUNCILLOR),
    ("committee.colombo", "Nimal Sampath (fictional)", "LK/colombo", "member", MAYOR),
    ("committee.kathmandu", "Sita Udaharan (fictional)", "NP/kathmandu", "member", DEPUTY),
    ("committee.tirana", "Arta Shembull (fictional)", "AL/tirana", "member", DEPUTY),
    ("committee.montreal", "Camille Fictif (fictional)", "CA/montreal", "member", COUNCILLOR),
    ("committee.dakar", "Awa Exemple (fictional)", "SN/dakar", "member", DEPUTY),
]
# A seat that ended, so the page shows current members only.
PAST_SEAT = (
    "committee.halle",
    "Dieter Beispiel (fictional)",
    "DE/halle-saale",
    "member",
    MAYOR,
    datetime.date(2025, 9, 19),
)

PLANS = [
    {
        "year": 2026,
        "half": 1,
        "status": ActionPlan.Status.PUBLISHED,
        "published_at": datetime.datetime(2026, 1, 15, 9, 0, tzinfo=datetime.UTC),
        "summary": {
            "en": "The first half of 2026 focuses on city-led incident response, on youth "
            "engagement and on bringing mayors' voices to multilateral venues.",
            "ar": "يركّز النصف الأول من عام 2026 على الاستجابة للحوادث التي تقودها المدينة، "
            "وعلى المشاركة بين المدن والشباب، وعلى إيصال أصوات رؤساء البلديات إلى المحافل "
            "متعددة الأطراف.",
            "fr": "Le premier semestre 2026 porte sur la réponse aux incidents menée par la "
            "ville, l'engagement villes–jeunesse et la voix des maires dans les enceintes "
            "multilatérales.",
        },
        "priorities": [
            (
                "training",
                "done",
                {
                    "en": "Training on city-led incident response",
                    "ar": "التدريب على الاستجابة للحوادث التي تقودها المدينة",
                    "fr": "Formation à la réponse aux incidents menée par la ville",
                },
                [
                    (
                        datetime.date(2026, 3, 12),
                        {
                            "en": "Regional workshop held for hub cities; toolkit shared.",
                            "ar": "عُقدت ورشة عمل إقليمية لمدن المركز وتمت مشاركة مجموعة الأدوات.",
                            "fr": "Atelier régional tenu pour les villes du pôle ; boîte à "
                            "outils partagée.",
                        },
                    )
                ],
            ),
            (
                "partnership",
                "in_progress",
                {
                    "en": "Partnership with national associations of municipalities",
                    "ar": "شراكة مع الجمعيات الوطنية للبلديات",
                    "fr": "Partenariat avec les associations nationales de communes",
                },
                [
                    (
                        datetime.date(2026, 5, 6),
                        {
                            "en": "Three associations joined Friends of Strong Cities.",
                            "ar": "انضمت ثلاث جمعيات إلى أصدقاء المدن القوية.",
                            "fr": "Trois associations ont rejoint les Amis de Strong Cities.",
                        },
                    )
                ],
            ),
            (
                "advocacy",
                "done",
                {
                    "en": "Mayors' statement at the UN on local prevention",
                    "ar": "بيان رؤساء البلديات في الأمم المتحدة بشأن الوقاية المحلية",
                    "fr": "Déclaration des maires aux Nations unies sur la prévention locale",
                },
                [],
            ),
        ],
    },
    {
        "year": 2026,
        "half": 2,
        "status": ActionPlan.Status.PUBLISHED,
        "published_at": datetime.datetime(2026, 7, 10, 9, 0, tzinfo=datetime.UTC),
        "summary": {
            "en": "The second half of 2026 turns to national–local coordination, peer "
            "learning between small and rural municipalities, and preparing the next Global "
            "Summit.",
            "ar": "يتجه النصف الثاني من عام 2026 إلى التنسيق الوطني والمحلي، والتعلم بين "
            "الأقران بين البلديات الصغيرة والريفية، والتحضير للقمة العالمية المقبلة.",
            "fr": "Le second semestre 2026 porte sur la coordination nationale-locale, "
            "l'apprentissage entre pairs des petites communes et communes rurales, et la "
            "préparation du prochain Sommet mondial.",
        },
        "priorities": [
            (
                "training",
                "in_progress",
                {
                    "en": "Peer learning for small and rural municipalities",
                    "ar": "التعلم بين الأقران للبلديات الصغيرة والريفية",
                    "fr": "Apprentissage entre pairs pour les petites communes et communes rurales",
                },
                [
                    (
                        datetime.date(2026, 10, 2),
                        {
                            "en": "City exchange programme launched with four pairs of cities.",
                            "ar": "أُطلق برنامج التبادل بين المدن بمشاركة أربعة أزواج من المدن.",
                            "fr": "Programme d'échange entre villes lancé avec quatre binômes.",
                        },
                    )
                ],
            ),
            (
                "partnership",
                "planned",
                {
                    "en": "National–local coordination dialogue with national governments",
                    "ar": "حوار التنسيق الوطني والمحلي مع الحكومات الوطنية",
                    "fr": "Dialogue de coordination nationale-locale avec les gouvernements",
                },
                [],
            ),
            (
                "advocacy",
                "in_progress",
                {
                    "en": "Voice and leadership of mayors at the Global Summit",
                    "ar": "أصوات رؤساء البلديات وقيادتهم في القمة العالمية",
                    "fr": "Voix et leadership des maires au Sommet mondial",
                },
                [],
            ),
        ],
    },
    {
        "year": 2027,
        "half": 1,
        "status": ActionPlan.Status.DRAFT,
        "published_at": None,
        "summary": {
            "en": "Draft under discussion by the committee.",
            "ar": "مسودة قيد النقاش في اللجنة.",
            "fr": "Projet en discussion au sein du comité.",
        },
        "priorities": [
            (
                "training",
                "planned",
                {
                    "en": "City–youth engagement toolkit (draft)",
                    "ar": "مجموعة أدوات المشاركة بين المدن والشباب (مسودة)",
                    "fr": "Boîte à outils engagement villes–jeunesse (projet)",
                },
                [],
            ),
        ],
    },
]

MEETINGS = [
    {
        "held_on": datetime.date(2026, 6, 11),
        "format": Meeting.Format.ONLINE,
        "title": {
            "en": "Mid-year review of the 2026 action plan",
            "ar": "مراجعة منتصف العام لخطة عمل 2026",
            "fr": "Bilan à mi-parcours du plan d'action 2026",
        },
        "location": {"en": "", "ar": "", "fr": ""},
        "agenda": {
            "en": "1. Welcome by the chair\n2. Progress on the first-half priorities\n"
            "3. Priorities for the second half of 2026\n4. Any other business",
            "ar": "1. كلمة ترحيب من الرئيس\n2. التقدم في أولويات النصف الأول\n"
            "3. أولويات النصف الثاني من عام 2026\n4. ما يستجد من أعمال",
            "fr": "1. Accueil par la présidence\n2. Avancement des priorités du premier "
            "semestre\n3. Priorités du second semestre 2026\n4. Divers",
        },
        "minutes": {
            "en": "Fourteen members attended. The Management Unit reported on the first-half "
            "priorities. Members discussed the second-half plan.",
            "ar": "حضر أربعة عشر عضواً. قدّمت وحدة الإدارة تقريراً عن أولويات النصف الأول، "
            "وناقش الأعضاء خطة النصف الثاني.",
            "fr": "Quatorze membres étaient présents. L'Unité de gestion a présenté "
            "l'avancement du premier semestre ; les membres ont discuté du plan du second "
            "semestre.",
        },
        "decisions": [
            {
                "en": "The action plan for the second half of 2026 is adopted.",
                "ar": "اعتُمدت خطة العمل للنصف الثاني من عام 2026.",
                "fr": "Le plan d'action du second semestre 2026 est adopté.",
            },
            {
                "en": "The co-chairs will present the committee's statement at the Global Summit.",
                "ar": "سيقدّم الرئيسان المشاركان بيان اللجنة في القمة العالمية.",
                "fr": "Les coprésidents présenteront la déclaration du comité au Sommet mondial.",
            },
        ],
        "papers": [
            {
                "en": "Progress report, first half of 2026",
                "ar": "تقرير التقدم، النصف الأول من عام 2026",
                "fr": "Rapport d'avancement, premier semestre 2026",
            },
            {
                "en": "Draft action plan, second half of 2026",
                "ar": "مسودة خطة العمل، النصف الثاني من عام 2026",
                "fr": "Projet de plan d'action, second semestre 2026",
            },
        ],
    },
    {
        "held_on": datetime.date(2026, 11, 18),
        "format": Meeting.Format.HYBRID,
        "title": {
            "en": "Planning the first half of 2027",
            "ar": "التخطيط للنصف الأول من عام 2027",
            "fr": "Préparation du premier semestre 2027",
        },
        "location": {"en": "The Hague", "ar": "لاهاي", "fr": "La Haye"},
        "agenda": {
            "en": "1. Review of the second half of 2026\n2. Draft priorities for 2027",
            "ar": "1. مراجعة النصف الثاني من عام 2026\n2. مسودة أولويات عام 2027",
            "fr": "1. Bilan du second semestre 2026\n2. Projet de priorités pour 2027",
        },
        "minutes": {"en": "", "ar": "", "fr": ""},
        "decisions": [],
        "papers": [
            {
                "en": "Draft priorities for 2027",
                "ar": "مسودة أولويات عام 2027",
                "fr": "Projet de priorités pour 2027",
            },
        ],
    },
]


def demo_pdf(title: str) -> bytes:
    """A small valid one-page PDF naming the paper (ASCII only)."""
    text = title.encode("ascii", "replace").decode().replace("(", "[").replace(")", "]")
    stream = f"BT /F1 14 Tf 72 720 Td ({text} - fictional demo paper) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _city(ref: str) -> City:
    country, slug = ref.split("/")
    return City.objects.get(country=country, slug=slug)


def _person(local_part: str, display_name: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=f"{local_part}@{DEMO_DOMAIN}",
        defaults={"display_name": display_name, "preferred_language": "en"},
    )
    if created:
        user.set_unusable_password()  # fictional people: they never sign in
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed_demo_steering() -> None:
    Committee.objects.update_or_create(pk=COMMITTEE_PK, defaults=translated("mandate", MANDATE))
    seats = _seed_seats()
    _seed_plans(owners=[seat.user for seat in seats])
    _seed_meetings()
    _seed_indicators()


def _seed_seats() -> list[CommitteeMember]:
    seats = []
    for local_part, name, city_ref, role, position in SEATS:
        user = _person(local_part, name)
        seat = seat_committee_member(
            user=user, city=_city(city_ref), role=role, term_start=RELAUNCH
        )
        CommitteeMember.objects.filter(pk=seat.pk).update(**translated("position", position))
        seats.append(seat)
    local_part, name, city_ref, role, position, ended = PAST_SEAT
    user = _person(local_part, name)
    if not CommitteeMember.objects.filter(user=user).exists():
        seat_committee_member(
            user=user,
            city=_city(city_ref),
            role=role,
            term_start=RELAUNCH,
            term_end=ended,
        )
    CommitteeMember.objects.filter(user=user).update(**translated("position", position))
    # The documented demo account (seated by strongcities.demo) is the chair.
    CommitteeMember.objects.filter(user__email=f"committee@{DEMO_DOMAIN}").update(
        **translated("position", MAYOR)
    )
    return seats


def _evidence():
    from events.models import Event
    from resources.models import Resource

    resource = Resource.objects.filter(status="published").order_by("pk").first()
    event = Event.objects.filter(is_published=True).order_by("starts_at", "pk").first()
    return resource, event


def _seed_plans(owners) -> None:
    resource, event = _evidence()
    for data in PLANS:
        plan, _ = ActionPlan.objects.update_or_create(
            year=data["year"],
            half=data["half"],
            defaults={
                "status": data["status"],
                "published_at": data["published_at"],
                **translated("summary", data["summary"]),
            },
        )
        for order, (kind, status, title, updates) in enumerate(data["priorities"]):
            priority, _ = PlanPriority.objects.update_or_create(
                plan=plan,
                title_en=title["en"],
                defaults={
                    "kind": kind,
                    "status": status,
                    "sort_order": order,
                    "owner": owners[order % len(owners)] if owners else None,
                    **translated("title", title),
                },
            )
            for index, (occurred_on, note) in enumerate(updates):
                ProgressUpdate.objects.update_or_create(
                    priority=priority,
                    occurred_on=occurred_on,
                    defaults={
                        "resource": resource if index == 0 and kind == "training" else None,
                        "event": event if index == 0 else None,
                        **translated("note", note),
                    },
                )


def _seed_meetings() -> None:
    for data in MEETINGS:
        meeting, _ = Meeting.objects.update_or_create(
            held_on=data["held_on"],
            title_en=data["title"]["en"],
            defaults={
                "format": data["format"],
                **translated("title", data["title"]),
                **translated("location", data["location"]),
                **translated("agenda", data["agenda"]),
                **translated("minutes", data["minutes"]),
            },
        )
        for order, text in enumerate(data["decisions"]):
            Decision.objects.update_or_create(
                meeting=meeting, sort_order=order, defaults=translated("text", text)
            )
        for title in data["papers"]:
            if MeetingPaper.objects.filter(meeting=meeting, title_en=title["en"]).exists():
                continue
            paper = MeetingPaper(meeting=meeting, **translated("title", title))
            paper.file.save("paper.pdf", ContentFile(demo_pdf(title["en"])), save=False)
            paper.save()


# Monitoring, evaluation and learning: indicators with targets for 2025-2027.
INDICATORS = [
    {
        "code": "members",
        "rule": Indicator.Rule.MEMBERS,
        "unit": Indicator.Unit.NUMBER,
        "name": {"en": "Member cities", "ar": "المدن الأعضاء", "fr": "Villes membres"},
        "description": {
            "en": "Members at the end of the year.",
            "ar": "الأعضاء في نهاية السنة.",
            "fr": "Membres à la fin de l'année.",
        },
        "targets": {2025: 54, 2026: 58, 2027: 62},
    },
    {
        "code": "share-meeting-expectations",
        "rule": Indicator.Rule.SHARE_MEETING,
        "unit": Indicator.Unit.PERCENT,
        "name": {
            "en": "Share of members meeting expectations",
            "ar": "نسبة الأعضاء الذين يلبّون التوقعات",
            "fr": "Part des membres qui respectent les engagements attendus",
        },
        "description": {
            "en": "Core and agreed additional expectations, checked for every member.",
            "ar": "التوقعات الأساسية والإضافية المتفق عليها، لكل عضو.",
            "fr": "Engagements attendus de base et supplémentaires convenus, pour chaque membre.",
        },
        "targets": {2025: 40, 2026: 50, 2027: 60},
    },
    {
        "code": "events-held",
        "rule": Indicator.Rule.EVENTS_HELD,
        "unit": Indicator.Unit.NUMBER,
        "name": {"en": "Events held", "ar": "الفعاليات المنعقدة", "fr": "Événements tenus"},
        "description": {"en": "", "ar": "", "fr": ""},
        "targets": {2025: 4, 2026: 6, 2027: 8},
    },
    {
        "code": "helpdesk-resolved",
        "rule": Indicator.Rule.TICKETS_RESOLVED,
        "unit": Indicator.Unit.NUMBER,
        "name": {
            "en": "Helpdesk requests resolved",
            "ar": "طلبات مكتب المساعدة التي تمت معالجتها",
            "fr": "Demandes au service d'assistance résolues",
        },
        "description": {"en": "", "ar": "", "fr": ""},
        "targets": {2025: 5, 2026: 8, 2027: 12},
    },
    {
        "code": "officials-trained",
        "rule": Indicator.Rule.MANUAL,
        "unit": Indicator.Unit.NUMBER,
        "name": {
            "en": "Local officials trained",
            "ar": "المسؤولون المحليون الذين تم تدريبهم",
            "fr": "Responsables locaux formés",
        },
        "description": {
            "en": "Counted from the attendance sheets of targeted training.",
            "ar": "من سجلات الحضور في التدريب الموجه.",
            "fr": "D'après les feuilles de présence des formations ciblées.",
        },
        "targets": {2025: 120, 2026: 150, 2027: 180},
        "values": {2025: (134, "Training attendance sheets, regional hubs (fictional)")},
    },
]


def _seed_indicators() -> None:
    for order, spec in enumerate(INDICATORS, start=1):
        indicator, _created = Indicator.objects.update_or_create(
            code=spec["code"],
            defaults={
                "rule": spec["rule"],
                "unit": spec["unit"],
                "sort_order": order,
                **translated("name", spec["name"]),
                **translated("description", spec["description"]),
            },
        )
        for year, target in spec["targets"].items():
            indicator.targets.update_or_create(year=year, defaults={"target": target})
        for year, (value, source) in spec.get("values", {}).items():
            indicator.values.update_or_create(
                year=year, defaults={"value": value, "source": source}
            )
