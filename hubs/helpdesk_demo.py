"""Demo helpdesk: believable requests in Arabic, English and French for the demo cities,
canned replies and stakeholders per hub, and a few needs, consultations and Technical
Support Fund requests. Idempotent: rows are found by a natural key and left alone if
they exist. No email is sent (rows are written directly, not through the services).

All people and organisations are fictional.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hubs.models import (
    CannedReply,
    Consultation,
    Hub,
    Need,
    PeerExchange,
    Stakeholder,
    SupportFundRequest,
    Ticket,
    TicketMessage,
)
from members.models import City, EngagementRecord, StrategicPriority
from members.services import record_engagement

FOCAL = {
    "ZA/cape-town": "focal.capetown@demo.strongcities.example",
    "JO/amman": "focal.amman@demo.strongcities.example",
    "MA/rabat": "focal.rabat@demo.strongcities.example",
}
STAFF = {
    "east-southern-africa": "hub.esa@demo.strongcities.example",
    "mena": "hub.mena@demo.strongcities.example",
}

# (city, days ago, category, priority, language, status, subject, description, thread)
# thread: (who, visibility, body) with who in {"city", "hub"}
TICKETS = [
    {
        "city": "ZA/cape-town",
        "days_ago": 12,
        "category": Ticket.Category.POLICY_ADVICE,
        "priority": Ticket.Priority.NORMAL,
        "language": "en",
        "status": Ticket.Status.RESOLVED,
        "subject": "Setting up a multi-actor prevention framework",
        "description": (
            "Our safety and security directorate wants to bring together social services, "
            "schools, faith leaders and civil society in one prevention framework. Are there "
            "member cities that have done this and could share their terms of reference?"
        ),
        "thread": [
            (
                "hub",
                "internal",
                "Check with the US pilot cities team whether the terms of "
                "reference can be shared outside the pilot.",
            ),
            (
                "hub",
                "public",
                "Thank you for your question. Several member cities have set up "
                "such frameworks; we attach the network's guide and will introduce you to two "
                "cities that agreed to share their terms of reference.",
            ),
            ("city", "public", "Thank you, this is exactly what we needed."),
        ],
        "satisfaction": 5,
    },
    {
        "city": "ZA/cape-town",
        "days_ago": 3,
        "category": Ticket.Category.TRAINING,
        "priority": Ticket.Priority.HIGH,
        "language": "en",
        "status": Ticket.Status.IN_PROGRESS,
        "subject": "Training for ward councillors on responding to hate incidents",
        "description": (
            "Ahead of the local elections we would like a half-day training for about 40 ward "
            "councillors on recognising and responding to hate incidents in their wards."
        ),
        "thread": [
            (
                "hub",
                "public",
                "We can offer the training in the second half of next month. "
                "Could you tell us which dates suit the council?",
            ),
        ],
    },
    {
        "city": "JO/amman",
        "days_ago": 9,
        "category": Ticket.Category.EVENTS,
        "priority": Ticket.Priority.NORMAL,
        "language": "ar",
        "status": Ticket.Status.WAITING,
        "subject": "طلب تبادل مع مدينة عضو حول إشراك الشباب",
        "description": (
            "ترغب أمانة عمان في تنظيم زيارة تبادل مع مدينة عضو لديها برنامج ناجح للمشاركة "
            "بين المدينة والشباب، للتعرف على آليات مجالس الشباب المحلية."
        ),
        "thread": [
            ("hub", "internal", "اقتراح: التواصل مع تونس، لديها مجلس شباب محلي نشط."),
            (
                "hub",
                "public",
                "شكرًا على طلبكم. نقترح التبادل مع مدينة تونس. هل يناسبكم "
                "تنظيم الزيارة في الربع القادم؟ نرجو تأكيد عدد المشاركين.",
            ),
        ],
    },
    {
        "city": "JO/amman",
        "days_ago": 1,
        "category": Ticket.Category.RESOURCE,
        "priority": Ticket.Priority.LOW,
        "language": "ar",
        "status": Ticket.Status.NEW,
        "subject": "أدلة حول التنسيق الوطني والمحلي",
        "description": (
            "نبحث عن أدوات وأدلة باللغة العربية حول التنسيق الوطني والمحلي في مجال منع "
            "التطرف العنيف، لاستخدامها في ورشة عمل داخلية."
        ),
        "thread": [],
    },
    {
        "city": "MA/rabat",
        "days_ago": 6,
        "category": Ticket.Category.INCIDENT,
        "priority": Ticket.Priority.URGENT,
        "language": "fr",
        "status": Ticket.Status.TRIAGED,
        "subject": "Accompagnement après des tags haineux dans un quartier",
        "description": (
            "Des tags haineux visant une communauté sont apparus dans un quartier de la ville. "
            "Nous souhaitons un appui pour préparer la réponse de la commune et le dialogue "
            "avec les associations du quartier."
        ),
        "thread": [
            (
                "hub",
                "internal",
                "Priorité haute : proposer un appel cette semaine avec "
                "l'experte réponse aux incidents.",
            ),
        ],
    },
    {
        "city": "MA/rabat",
        "days_ago": 20,
        "category": Ticket.Category.SUPPORT_FUND,
        "priority": Ticket.Priority.NORMAL,
        "language": "fr",
        "status": Ticket.Status.CLOSED,
        "subject": "Éligibilité au Fonds d'appui technique",
        "description": (
            "Un projet de formation des agents municipaux à la médiation peut-il être "
            "financé par le Fonds d'appui technique ?"
        ),
        "thread": [
            (
                "hub",
                "public",
                "Oui, ce type de projet correspond à la priorité stratégique 3. "
                "Vous pouvez déposer une demande ; l'Unité de gestion décide, le pôle régional "
                "accompagne la mise en œuvre.",
            ),
        ],
        "satisfaction": 4,
    },
]

CANNED = {
    "title": {
        "ar": "شكرًا، تم استلام طلبكم",
        "en": "Thank you, we received your request",
        "fr": "Merci, nous avons bien reçu votre demande",
    },
    "body": {
        "ar": "شكرًا على تواصلكم مع مكتب المساعدة. سيعود إليكم أحد خبراء المركز الإقليمي "
        "خلال يومي عمل.",
        "en": "Thank you for contacting the helpdesk. An expert of your regional hub will get "
        "back to you within two working days.",
        "fr": "Merci d'avoir contacté le service d'assistance. Un expert de votre pôle régional "
        "vous répondra sous deux jours ouvrables.",
    },
}

STAKEHOLDERS = {
    "east-southern-africa": [
        ("national_government", "Ministry of Interior (fictional desk)", "KE"),
        ("civil_society", "Coastal Youth Peace Forum (fictional)", "KE"),
        ("multilateral", "UN-Habitat regional office (fictional contact)", "KE"),
    ],
    "mena": [
        ("civil_society", "جمعية الحوار المجتمعي (وهمية)", "JO"),
        ("embassy", "Embassy liaison office (fictional)", "JO"),
        ("private_sector", "Association des entreprises citoyennes (fictive)", "MA"),
    ],
}


def _city(key: str) -> City | None:
    country, slug = key.split("/")
    return City.objects.filter(country=country, slug=slug).select_related("hub").first()


@transaction.atomic
def seed_demo_helpdesk() -> int:
    """Returns the number of demo requests that exist afterwards."""
    User = get_user_model()
    now = timezone.now()
    staff = {slug: User.objects.filter(email=email).first() for slug, email in STAFF.items()}
    for data in TICKETS:
        city = _city(data["city"])
        focal = User.objects.filter(email=FOCAL[data["city"]]).first()
        if city is None or city.hub_id is None:
            continue
        hub_staff = staff.get(city.hub.slug)
        opened = now - datetime.timedelta(days=data["days_ago"])
        ticket, created = Ticket.objects.get_or_create(
            city=city,
            subject=data["subject"],
            defaults={
                "hub": city.hub,
                "opened_by": focal,
                "category": data["category"],
                "priority": data["priority"],
                "description": data["description"],
                "language": data["language"],
                "status": data["status"],
                "assignee": hub_staff if data["status"] != Ticket.Status.NEW else None,
                "created_at": opened,
                "satisfaction": data.get("satisfaction"),
            },
        )
        if created:
            moment = opened
            for who, visibility, body in data["thread"]:
                moment += datetime.timedelta(hours=5)
                TicketMessage.objects.create(
                    ticket=ticket,
                    author=focal if who == "city" else hub_staff,
                    from_city=who == "city",
                    visibility=visibility,
                    body=body,
                    created_at=moment,
                )
                if who == "hub" and visibility == "public" and ticket.first_response_at is None:
                    ticket.first_response_at = moment
            ticket.set_due_dates()
            if not ticket.is_open:
                ticket.resolved_at = moment + datetime.timedelta(hours=1)
                if ticket.status == Ticket.Status.CLOSED:
                    ticket.closed_at = ticket.resolved_at
            ticket.save()
        if ticket.status == Ticket.Status.RESOLVED or (
            ticket.status == Ticket.Status.CLOSED and ticket.resolved_at
        ):
            record_engagement(
                city=city,
                kind=EngagementRecord.Kind.HELPDESK_TICKET,
                occurred_on=timezone.localdate(ticket.resolved_at),
                source=ticket,
                title=ticket.subject,
            )
    for hub in Hub.objects.filter(slug__in=STAFF):
        CannedReply.objects.get_or_create(
            hub=hub,
            title_en=CANNED["title"]["en"],
            defaults={
                **{f"title_{code}": text for code, text in CANNED["title"].items()},
                **{f"body_{code}": text for code, text in CANNED["body"].items()},
            },
        )
        for kind, name, country in STAKEHOLDERS.get(hub.slug, []):
            Stakeholder.objects.get_or_create(
                hub=hub, name=name, defaults={"kind": kind, "country": country}
            )
    _seed_support(staff)
    _seed_exchanges()
    return Ticket.objects.filter(subject__in=[t["subject"] for t in TICKETS]).count()


def _seed_support(staff) -> None:
    priorities = {p.number: p for p in StrategicPriority.objects.all()}
    rabat, cape_town = _city("MA/rabat"), _city("ZA/cape-town")
    if rabat and rabat.hub_id and 3 in priorities:
        SupportFundRequest.objects.get_or_create(
            city=rabat,
            support_asked="Formation de 30 agents municipaux à la médiation de quartier",
            defaults={
                "hub_id": rabat.hub_id,
                "need": "Renforcer la capacité de la commune à prévenir les tensions locales.",
                "priority": priorities[3],
                "estimated_budget": Decimal("18000.00"),
                "status": SupportFundRequest.Status.UNDER_REVIEW,
            },
        )
    if cape_town and cape_town.hub_id:
        hub_staff = staff.get("east-southern-africa")
        Need.objects.get_or_create(
            city=cape_town,
            description="Data on hate incidents is scattered across departments.",
            defaults={
                "hub_id": cape_town.hub_id,
                "priority": priorities.get(3),
                "urgency": Need.Urgency.HIGH,
                "recorded_by": hub_staff,
            },
        )
        Consultation.objects.get_or_create(
            city=cape_town,
            held_on=datetime.date(2026, 10, 14),
            defaults={
                "hub_id": cape_town.hub_id,
                "participants": "Safety and security directorate; hub lead (fictional people)",
                "summary": "Reviewed the city's prevention priorities for the coming year.",
                "follow_ups": "Share the incident-data toolkit; introduce a peer city.",
                "recorded_by": hub_staff,
            },
        )


def _seed_exchanges() -> None:
    amman, tunis = _city("JO/amman"), _city("TN/tunis")
    if amman and tunis and amman.hub_id:
        exchange, created = PeerExchange.objects.get_or_create(
            city=amman,
            topic="مجالس الشباب المحلية",
            defaults={
                "hub_id": amman.hub_id,
                "goals": "التعرف على كيفية إنشاء مجلس شباب محلي وإشراكه في خطط الوقاية.",
                "format": PeerExchange.Format.VISIT,
                "status": PeerExchange.Status.BROKERING,
            },
        )
        if created:
            exchange.peers.set([tunis])
