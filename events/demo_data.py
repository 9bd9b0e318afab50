"""The demo convenings: past and upcoming, across the hubs, in Arabic, English and French.

Dates of past and upcoming events are relative to the day the demo is loaded (`days`),
except the two historical ones (`on`), so the calendar always has both.
"""

EVENTS = [
    {
        "slug": "fourth-global-summit-new-york",
        "kind": "summit",
        "format": "in_person",
        "audience": "public",
        "organiser": "network",
        "hub": None,
        "city": "US/new-york-city",
        "time_zone": "America/New_York",
        "on": "2023-09-19",
        "start": "09:00",
        "hours": 32,
        "themes": ["global-crises", "transatlantic-dialogue"],
        "interpretation": ["ar", "fr", "es"],
        "title": {
            "en": "4th Strong Cities Global Summit",
            "fr": "4e Sommet mondial de Strong Cities",
            "ar": "القمة العالمية الرابعة للمدن القوية",
        },
        "venue": {
            "en": "New York, during the UN General Assembly week",
            "fr": "New York, pendant la semaine de l'Assemblée générale des Nations unies",
            "ar": "نيويورك، خلال أسبوع الجمعية العامة للأمم المتحدة",
        },
        "description": {
            "en": "Mayors and local leaders from every region met to share how their cities "
            "prevent and respond to hate, extremism and polarisation. The International "
            "Steering Committee was relaunched and endorsed the three-year strategy.",
            "fr": "Des maires et responsables locaux de toutes les régions ont partagé la manière "
            "dont leurs villes préviennent la haine, l'extrémisme et la polarisation et y "
            "répondent. Le Comité directeur international a été relancé et a approuvé la "
            "stratégie triennale.",
            "ar": "اجتمع رؤساء البلديات والقادة المحليون من جميع المناطق لتبادل الطرق التي تعتمدها "
            "مدنهم لمنع الكراهية والتطرف والاستقطاب والتصدي لها. وأُعيد إطلاق اللجنة التوجيهية "
            "الدولية التي أقرّت الاستراتيجية الممتدة لثلاث سنوات.",
        },
        "attendees": ["focal.capetown", "focal.amman", "focal.rabat", "*:12"],
    },
    {
        "slug": "nairobi-regional-conference-2022",
        "kind": "regional_exchange",
        "format": "in_person",
        "audience": "members",
        "organiser": "hub",
        "hub": "east-southern-africa",
        "city": "KE/nairobi",
        "time_zone": "Africa/Nairobi",
        "on": "2022-10-12",
        "start": "09:00",
        "hours": 8,
        "themes": ["national-local-cooperation"],
        "interpretation": ["fr", "sw"],
        "title": {
            "en": "East and Southern Africa regional conference",
            "fr": "Conférence régionale Afrique de l'Est et australe",
            "ar": "المؤتمر الإقليمي لشرق وجنوب أفريقيا",
        },
        "description": {
            "en": "Cities of the region and their national counterparts compared how "
            "national–local coordination works in practice.",
            "fr": "Les villes de la région et leurs homologues nationaux ont comparé le "
            "fonctionnement concret de la coordination nationale-locale.",
            "ar": "قارنت مدن المنطقة ونظراؤها على المستوى الوطني كيف يعمل التنسيق الوطني والمحلي "
            "على أرض الواقع.",
        },
        "attendees": ["focal.capetown", "hub:east-southern-africa:6"],
    },
    {
        "slug": "mena-workshop-national-local-coordination",
        "kind": "workshop",
        "format": "in_person",
        "audience": "members",
        "organiser": "hub",
        "hub": "mena",
        "city": "JO/amman",
        "time_zone": "Asia/Amman",
        "days": -120,
        "start": "09:30",
        "hours": 7,
        "themes": ["national-local-cooperation", "multi-actor-prevention"],
        "interpretation": ["ar", "en", "fr"],
        "title": {
            "en": "Regional workshop: national–local coordination in the Middle East and "
            "North Africa",
            "fr": "Atelier régional : la coordination nationale-locale au Moyen-Orient et en "
            "Afrique du Nord",
            "ar": "ورشة عمل إقليمية: التنسيق الوطني والمحلي في الشرق الأوسط وشمال أفريقيا",
        },
        "venue": {"en": "Amman City Hall", "fr": "Hôtel de ville d'Amman", "ar": "أمانة عمّان"},
        "description": {
            "en": "Municipalities and governorates worked through how local prevention plans "
            "fit national strategies, with peer learning from Tunis and Rabat.",
            "fr": "Municipalités et gouvernorats ont examiné comment les plans locaux de "
            "prévention s'articulent avec les stratégies nationales, avec l'apprentissage entre "
            "pairs de Tunis et de Rabat.",
            "ar": "عملت البلديات والمحافظات على مواءمة خطط الوقاية المحلية مع الاستراتيجيات "
            "الوطنية، مع التعلم بين الأقران من تونس والرباط.",
        },
        "attendees": ["focal.amman", "focal.rabat", "hub:mena:6"],
    },
    {
        "slug": "western-balkans-exchange-incident-response",
        "kind": "regional_exchange",
        "format": "in_person",
        "audience": "members",
        "organiser": "hub",
        "hub": "western-balkans",
        "city": "AL/tirana",
        "time_zone": "Europe/Tirane",
        "days": -45,
        "start": "10:00",
        "hours": 30,
        "themes": ["incident-response"],
        "interpretation": ["en", "sq", "bs", "mk"],
        "title": {
            "en": "Western Balkans regional exchange: city-led incident response",
            "fr": "Échange régional des Balkans occidentaux : la réponse aux incidents menée par "
            "la ville",
            "ar": "تبادل إقليمي لغرب البلقان: الاستجابة للحوادث التي تقودها المدينة",
        },
        "description": {
            "en": "Two days on recovery, healing and rebuilding in the weeks and months after "
            "an attack, with a tabletop exercise run by the hub.",
            "fr": "Deux jours consacrés au rétablissement, à la guérison et à la reconstruction "
            "dans les semaines et les mois qui suivent une attaque, avec un exercice de "
            "simulation animé par le pôle.",
            "ar": "يومان حول التعافي والشفاء وإعادة البناء في الأسابيع والأشهر التي تلي هجومًا، مع "
            "تمرين محاكاة يديره المركز الإقليمي.",
        },
        "attendees": ["hub:western-balkans:8"],
    },
    {
        "slug": "webinar-young-cities-youth-councils",
        "kind": "webinar",
        "format": "online",
        "audience": "public",
        "organiser": "network",
        "hub": None,
        "city": None,
        "time_zone": "Europe/London",
        "days": -20,
        "start": "13:00",
        "hours": 1.5,
        "themes": ["young-cities"],
        "interpretation": ["ar", "fr"],
        "online_url": "https://meet.example.org/scn-young-cities",
        "feedback_url": "https://survey.example.org/scn-young-cities",
        "title": {
            "en": "Webinar: Young Cities and local youth councils",
            "fr": "Webinaire : Young Cities et les conseils locaux de jeunes",
            "ar": "ندوة عبر الإنترنت: المدن الفتية ومجالس الشباب المحلية",
        },
        "description": {
            "en": "How local governments give young people a real say in prevention, with "
            "examples from member cities.",
            "fr": "Comment les collectivités locales donnent aux jeunes une vraie voix dans la "
            "prévention, avec des exemples de villes membres.",
            "ar": "كيف تمنح الحكومات المحلية الشباب صوتًا حقيقيًا في الوقاية، "
            "مع أمثلة من المدن الأعضاء.",
        },
        "attendees": ["focal.capetown", "focal.rabat", "*:10"],
        "no_shows": ["focal.amman"],
    },
    {
        "slug": "briefing-antisemitism-anti-muslim-hatred",
        "kind": "webinar",
        "format": "online",
        "audience": "public",
        "organiser": "network",
        "hub": None,
        "city": None,
        "time_zone": "UTC",
        "days": 10,
        "start": "14:00",
        "hours": 1.5,
        "capacity": 300,
        "themes": ["global-crises"],
        "interpretation": ["ar", "fr"],
        "online_url": "https://meet.example.org/scn-briefing-hate",
        "title": {
            "en": "Briefing: rising antisemitism and anti-Muslim hatred – what cities can do",
            "fr": "Séance d'information : la montée de l'antisémitisme et de la haine "
            "antimusulmane – ce que peuvent faire les villes",
            "ar": "إحاطة: تصاعد معاداة السامية والكراهية ضد المسلمين – ما يمكن للمدن فعله",
        },
        "description": {
            "en": "A short briefing for focal points and local leaders on monitoring tensions "
            "and protecting communities, followed by questions.",
            "fr": "Une courte séance d'information pour les points focaux et les responsables "
            "locaux sur le suivi des tensions et la protection des communautés, suivie de "
            "questions.",
            "ar": "إحاطة قصيرة لجهات الاتصال والقادة المحليين حول رصد التوترات وحماية المجتمعات، "
            "تليها أسئلة.",
        },
        "registered": ["focal.capetown", "focal.amman", "focal.rabat"],
    },
    {
        "slug": "esa-workshop-cape-town-incident-response",
        "kind": "workshop",
        "format": "in_person",
        "audience": "members",
        "organiser": "hub",
        "hub": "east-southern-africa",
        "city": "ZA/cape-town",
        "time_zone": "Africa/Johannesburg",
        "days": 18,
        "start": "09:00",
        "hours": 7,
        "capacity": 4,
        "themes": ["incident-response"],
        "interpretation": ["fr", "sw"],
        "title": {
            "en": "Regional workshop: preparing a city-led incident response",
            "fr": "Atelier régional : préparer une réponse aux incidents menée par la ville",
            "ar": "ورشة عمل إقليمية: الاستعداد لاستجابة للحوادث تقودها المدينة",
        },
        "venue": {
            "en": "Cape Town Civic Centre",
            "fr": "Centre civique du Cap",
            "ar": "المركز المدني في كيب تاون",
        },
        "description": {
            "en": "A small, hands-on workshop: seats are limited, and the waiting list is "
            "served in order.",
            "fr": "Un atelier pratique en petit groupe : les places sont limitées et la liste "
            "d'attente est servie dans l'ordre.",
            "ar": "ورشة عمل تطبيقية صغيرة: المقاعد محدودة، وتُخدم قائمة الانتظار بالترتيب.",
        },
        "registered": ["focal.capetown", "hub:east-southern-africa:5"],
    },
    {
        "slug": "mena-exchange-tunis-incident-response",
        "kind": "regional_exchange",
        "format": "hybrid",
        "audience": "members",
        "organiser": "hub",
        "hub": "mena",
        "city": "TN/tunis",
        "time_zone": "Africa/Tunis",
        "days": 25,
        "start": "09:30",
        "hours": 8,
        "capacity": 40,
        "themes": ["incident-response", "national-local-cooperation"],
        "interpretation": ["ar", "en", "fr"],
        "online_url": "https://meet.example.org/scn-mena-tunis",
        "title": {
            "en": "MENA regional exchange: cities and communities after a crisis",
            "fr": "Échange régional Moyen-Orient et Afrique du Nord : villes et communautés "
            "après une crise",
            "ar": "تبادل إقليمي للشرق الأوسط وشمال أفريقيا: المدن والمجتمعات بعد الأزمات",
        },
        "description": {
            "en": "Focal points from across the region exchange what worked after local "
            "crises, in person in Tunis and online.",
            "fr": "Les points focaux de la région échangent sur ce qui a fonctionné après des "
            "crises locales, sur place à Tunis et en ligne.",
            "ar": "تتبادل جهات الاتصال من أنحاء المنطقة ما نجح بعد الأزمات المحلية، حضوريًا في "
            "تونس وعبر الإنترنت.",
        },
        "registered": ["focal.amman", "focal.rabat"],
    },
    {
        "slug": "south-asia-workshop-city-youth-engagement",
        "kind": "workshop",
        "format": "hybrid",
        "audience": "public",
        "organiser": "partner",
        "partner_name": "UN-Habitat",
        "hub": "south-asia",
        "city": "LK/colombo",
        "time_zone": "Asia/Colombo",
        "days": 45,
        "start": "10:00",
        "hours": 6,
        "themes": ["young-cities"],
        "interpretation": ["en"],
        "title": {
            "en": "Workshop: city–youth engagement in South Asia",
            "fr": "Atelier : l'engagement villes–jeunesse en Asie du Sud",
            "ar": "ورشة عمل: المشاركة بين المدن والشباب في جنوب آسيا",
        },
        "description": {
            "en": "Organised with a partner: youth-led solutions with local governments.",
            "fr": "Organisé avec un partenaire : des solutions portées par les jeunes avec les "
            "collectivités locales.",
            "ar": "تُنظَّم مع شريك: حلول يقودها الشباب مع الحكومات المحلية.",
        },
        "registered": [],
    },
    {
        "slug": "mayors-leadership-roundtable-montreal",
        "kind": "mayoral",
        "format": "in_person",
        "audience": "invitation",
        "organiser": "hub",
        "hub": "north-america",
        "city": "CA/montreal",
        "time_zone": "America/Toronto",
        "days": 75,
        "start": "14:00",
        "hours": 4,
        "capacity": 25,
        "themes": ["multi-actor-prevention"],
        "interpretation": ["en", "fr"],
        "title": {
            "en": "Mayoral leadership roundtable: mayors against hate",
            "fr": "Table ronde de maires : les maires contre la haine",
            "ar": "طاولة مستديرة لقيادة رؤساء البلديات: رؤساء البلديات في مواجهة الكراهية",
        },
        "description": {
            "en": "By invitation: mayors and local leaders of North America on raising their "
            "voice regionally and internationally.",
            "fr": "Sur invitation : maires et responsables locaux d'Amérique du Nord sur la "
            "manière de faire entendre leur voix aux niveaux régional et international.",
            "ar": "بدعوة: رؤساء البلديات والقادة المحليون في أمريكا الشمالية حول إيصال أصواتهم "
            "إقليميًا ودوليًا.",
        },
        "pending": ["hub:north-america:3"],
    },
]
