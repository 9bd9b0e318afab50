# ruff: noqa: E501  (prose in three languages)
"""Natural queries in Arabic, English and French and the demo resources that answer them.

The corpus is resources/demo_data.py plus distractors that share the network's
everyday words (city, local, network, municipality), so ranking matters.
"""

QUERIES = {
    "en": [
        (
            "how can cities work with young people",
            {
                "youth-councils-prevention-toolkit",
                "coastal-kenya-youth-employment",
                "spotlight-rabat-quartiers-dialogue",
            },
        ),
        ("recovery after a terrorist attack", {"after-an-attack-city-recovery-guide"}),
        (
            "cooperation between national government and municipalities",
            {"national-local-coordination-prevention"},
        ),
        ("online hate speech and antisemitism", {"countering-online-hate-local-strategies"}),
        ("refugees and host communities", {"spotlight-amman-social-cohesion"}),
        ("warning signs of radicalisation in schools", {"webinar-schools-early-warning"}),
        ("integration of migrants and newcomers", {"migration-welcome-local-integration"}),
        ("trust between police and the community", {"peshawar-community-policing-dialogue"}),
        ("training for mayors on polarisation", {"training-mayors-leadership-polarisation"}),
        ("rising prices and grievances", {"cost-of-living-tensions-briefing"}),
        ("grants for community organisations", {"victoria-social-cohesion-grants"}),
    ],
    "fr": [
        (
            "comment les villes travaillent avec les jeunes",
            {
                "youth-councils-prevention-toolkit",
                "spotlight-rabat-quartiers-dialogue",
                "coastal-kenya-youth-employment",
            },
        ),
        ("rétablissement après un attentat", {"after-an-attack-city-recovery-guide"}),
        (
            "coordination entre ministères et municipalités",
            {"national-local-coordination-prevention"},
        ),
        ("la haine en ligne", {"countering-online-hate-local-strategies"}),
        (
            "médiation des conflits entre habitants et réfugiés",
            {"lebanon-municipal-mediation", "spotlight-amman-social-cohesion"},
        ),
        ("accueil et intégration des nouveaux arrivants", {"migration-welcome-local-integration"}),
        ("formation des maires", {"training-mayors-leadership-polarisation"}),
        ("les écoles face à la radicalisation", {"webinar-schools-early-warning"}),
        ("stratégie triennale du réseau", {"three-year-strategy-2023"}),
        ("coût de la vie et tensions", {"cost-of-living-tensions-briefing"}),
        (
            "politique municipale contre les discriminations",
            {"guiding-principles-local-policy-template"},
        ),
        # typed without accents, as on many keyboards
        ("strategie triennale", {"three-year-strategy-2023"}),
        ("mediation entre refugies et habitants", {"lebanon-municipal-mediation"}),
    ],
    "ar": [
        (
            "مشاركة الشباب في المدن",
            {
                "youth-councils-prevention-toolkit",
                "spotlight-rabat-quartiers-dialogue",
                "coastal-kenya-youth-employment",
            },
        ),
        ("التعافي بعد الهجوم", {"after-an-attack-city-recovery-guide"}),
        ("التنسيق بين الوزارات والبلديات", {"national-local-coordination-prevention"}),
        ("الكراهية عبر الإنترنت", {"countering-online-hate-local-strategies"}),
        (
            "اللاجئين والمجتمعات المضيفة",
            {"spotlight-amman-social-cohesion", "lebanon-municipal-mediation"},
        ),
        ("الوساطة في النزاعات المحلية", {"lebanon-municipal-mediation"}),
        ("المدارس والتطرف", {"webinar-schools-early-warning"}),
        ("تدريب رؤساء البلديات", {"training-mayors-leadership-polarisation"}),
        ("غلاء المعيشة", {"cost-of-living-tensions-briefing"}),
        ("الشرطة المجتمعية", {"peshawar-community-policing-dialogue"}),
        ("الاستراتيجية الممتدة لثلاث سنوات", {"three-year-strategy-2023"}),
        # Short queries whose words the answers hold only in other forms: a singular for
        # their broken plural (المدارس, الوزارات, المراكز, الأحياء, أدوات, خطط), a broken
        # plural for their singular (هجمات / الهجوم), a sound plural without the article
        # for their singular (سياسات / سياسة), no article for their article (وساطة).
        ("مدرسة", {"webinar-schools-early-warning"}),
        (
            "الشبان",
            {
                "youth-councils-prevention-toolkit",
                "spotlight-rabat-quartiers-dialogue",
                "coastal-kenya-youth-employment",
            },
        ),
        ("وزارة", {"national-local-coordination-prevention"}),
        ("وساطة بين السكان واللاجئين", {"lebanon-municipal-mediation"}),
        ("هجمات عنيفة", {"after-an-attack-city-recovery-guide"}),
        ("سياسات بلدية ضد التمييز", {"guiding-principles-local-policy-template"}),
        ("مركز مجتمعي للاجئين", {"spotlight-amman-social-cohesion"}),
        ("خطة عمل وطنية", {"national-local-coordination-prevention"}),
        ("التوتر في الحي", {"spotlight-cape-town-safety-partnerships"}),
        ("أداة للبلديات", {"youth-councils-prevention-toolkit"}),
    ],
}

DISTRACTORS = [
    {
        "en": (
            "Network newsletter {n}: news from member cities",
            "Updates from local governments across the network: new members, events and city news.",
        ),
        "fr": (
            "Lettre du réseau {n} : nouvelles des villes membres",
            "Les actualités des collectivités locales du réseau : nouveaux membres, événements et nouvelles des villes.",
        ),
        "ar": (
            "نشرة الشبكة {n}: أخبار المدن الأعضاء",
            "مستجدات الحكومات المحلية في الشبكة: أعضاء جدد وفعاليات وأخبار المدن.",
        ),
    },
    {
        "en": (
            "Annual report of the Management Unit {n}",
            "Achievements, activities and impact of the network and its regional hubs during the year.",
        ),
        "fr": (
            "Rapport annuel de l'Unité de gestion {n}",
            "Réalisations, activités et impact du réseau et de ses pôles régionaux au cours de l'année.",
        ),
        "ar": (
            "التقرير السنوي لوحدة الإدارة {n}",
            "إنجازات الشبكة ومراكزها الإقليمية وأنشطتها وأثرها خلال العام.",
        ),
    },
    {
        "en": (
            "Regional workshop report {n}",
            "Mayors and focal points of the region met to share experience of local programmes.",
        ),
        "fr": (
            "Compte rendu d'atelier régional {n}",
            "Les maires et points focaux de la région se sont réunis pour partager l'expérience des programmes locaux.",
        ),
        "ar": (
            "تقرير ورشة عمل إقليمية {n}",
            "اجتمع رؤساء البلديات وجهات الاتصال في المنطقة لتبادل الخبرات حول البرامج المحلية.",
        ),
    },
]
