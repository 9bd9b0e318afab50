"""The network's own taxonomy, from the brochure (shared/DOMAIN.md, shared/GLOSSARY.md)."""

PRIORITIES = [
    {
        "number": 1,
        "name": {
            "en": "City-to-city engagement",
            "ar": "التفاعل بين المدن",
            "fr": "Coopération entre villes",
        },
        "description": {
            "en": "City-to-city engagement within and across national and regional contexts.",
            "ar": "التفاعل بين المدن داخل السياقات الوطنية والإقليمية وعبرها.",
            "fr": "La coopération entre villes au sein des contextes nationaux et régionaux et entre eux.",
        },
    },
    {
        "number": 2,
        "name": {
            "en": "National–local coordination",
            "ar": "التنسيق الوطني والمحلي",
            "fr": "Coordination nationale-locale",
        },
        "description": {
            "en": "Effective coordination between national and local governments.",
            "ar": "تنسيق فعال بين الحكومات الوطنية والحكومات المحلية.",
            "fr": "Une coordination efficace entre les gouvernements nationaux et les collectivités locales.",
        },
    },
    {
        "number": 3,
        "name": {
            "en": "City mandates and programmes",
            "ar": "ولايات المدن وبرامجها",
            "fr": "Mandats et programmes des villes",
        },
        "description": {
            "en": "Helping cities build mandates and programmes to prevent and respond to hate, extremism and polarisation.",
            "ar": "مساعدة المدن على بناء ولايات وبرامج لمنع الكراهية والتطرف والاستقطاب والتصدي لها.",
            "fr": "Aider les villes à se doter de mandats et de programmes pour prévenir la haine, l'extrémisme et la polarisation et y répondre.",
        },
    },
    {
        "number": 4,
        "name": {
            "en": "City–youth engagement",
            "ar": "المشاركة بين المدن والشباب",
            "fr": "Engagement villes–jeunesse",
        },
        "description": {
            "en": "Engaging young people as partners of their local government.",
            "ar": "إشراك الشباب شركاءً لحكوماتهم المحلية.",
            "fr": "Associer les jeunes comme partenaires de leur collectivité locale.",
        },
    },
    {
        "number": 5,
        "name": {
            "en": "Voice and leadership of mayors",
            "ar": "أصوات رؤساء البلديات وقيادتهم",
            "fr": "Voix et leadership des maires",
        },
        "description": {
            "en": "Raising the voice and leadership of mayors and local leaders regionally and internationally.",
            "ar": "رفع أصوات رؤساء البلديات والقادة المحليين وتعزيز قيادتهم على المستويين الإقليمي والدولي.",
            "fr": "Faire entendre la voix des maires et des responsables locaux et renforcer leur leadership aux niveaux régional et international.",
        },
    },
]

THEMES = [
    {
        "slug": "global-crises",
        "name": {
            "en": "Global crises and local impacts",
            "ar": "الأزمات العالمية وتأثيراتها المحلية",
            "fr": "Crises mondiales et répercussions locales",
        },
        "description": {
            "en": "COVID-19, the cost of living, migration, urbanisation, protests after the Israel–Gaza crisis, rising antisemitism and anti-Muslim hatred.",
            "ar": "جائحة كوفيد-19 وغلاء المعيشة والهجرة والتحضر والاحتجاجات التي أعقبت أزمة إسرائيل وغزة وتصاعد معاداة السامية والكراهية ضد المسلمين.",
            "fr": "La COVID-19, le coût de la vie, les migrations, l'urbanisation, les manifestations après la crise Israël–Gaza, la montée de l'antisémitisme et de la haine antimusulmane.",
        },
    },
    {
        "slug": "transatlantic-dialogue",
        "name": {
            "en": "Transatlantic Dialogue Initiative",
            "ar": "مبادرة الحوار عبر الأطلسي",
            "fr": "Initiative de dialogue transatlantique",
        },
        "description": {
            "en": "Since October 2021: workshops in Berlin, Bratislava, Brussels, Denver, Helsinki, London, Oslo and Washington DC, with closing events in The Hague and New York.",
            "ar": "منذ تشرين الأول/أكتوبر 2021: ورش عمل في برلين وبراتيسلافا وبروكسل ودنفر وهلسنكي ولندن وأوسلو وواشنطن العاصمة، مع فعاليات ختامية في لاهاي ونيويورك.",
            "fr": "Depuis octobre 2021 : ateliers à Berlin, Bratislava, Bruxelles, Denver, Helsinki, Londres, Oslo et Washington, avec des événements de clôture à La Haye et à New York.",
        },
    },
    {
        "slug": "incident-response",
        "name": {
            "en": "City-led incident response",
            "ar": "الاستجابة للحوادث التي تقودها المدينة",
            "fr": "Réponse aux incidents menée par la ville",
        },
        "description": {
            "en": "Recovery, healing and rebuilding in the weeks and months after an attack.",
            "ar": "التعافي والتئام الجراح وإعادة البناء في الأسابيع والأشهر التي تلي الهجوم.",
            "fr": "Le rétablissement, la guérison et la reconstruction dans les semaines et les mois qui suivent une attaque.",
        },
    },
    {
        "slug": "national-local-cooperation",
        "name": {
            "en": "National–local cooperation",
            "ar": "التعاون الوطني المحلي",
            "fr": "Coopération nationale-locale",
        },
        "description": {
            "en": "Cooperation between national governments and cities on prevention.",
            "ar": "التعاون بين الحكومات الوطنية والمدن في مجال الوقاية.",
            "fr": "La coopération entre gouvernements nationaux et villes en matière de prévention.",
        },
    },
    {
        "slug": "multi-actor-prevention",
        "name": {
            "en": "Multi-actor prevention frameworks",
            "ar": "أطر الوقاية متعددة الجهات",
            "fr": "Cadres de prévention multi-acteurs",
        },
        "description": {
            "en": "Prevention frameworks that bring many local actors together, piloted in six small and mid-sized US cities.",
            "ar": "أطر وقاية تجمع جهات محلية متعددة، جرى تجريبها في ست مدن أمريكية صغيرة ومتوسطة الحجم.",
            "fr": "Des cadres de prévention réunissant de nombreux acteurs locaux, expérimentés dans six petites et moyennes villes des États-Unis.",
        },
    },
    {
        "slug": "young-cities",
        "name": {
            "en": "Young Cities",
            "ar": "المدن الفتية",
            "fr": "Young Cities (villes jeunes)",
        },
        "description": {
            "en": "Youth-led solutions developed with local governments.",
            "ar": "حلول يقودها الشباب وتُطوَّر مع الحكومات المحلية.",
            "fr": "Des solutions portées par les jeunes et élaborées avec les collectivités locales.",
        },
    },
]

GUIDING_PRINCIPLES = {
    "version": 1,
    "published_on": "2023-09-20",
    "text": {
        "en": (
            "Members of the Strong Cities Network agree, in word and deed, to:\n"
            "1. Respect and protect the rights of all people.\n"
            "2. Proactively address discrimination and hate.\n"
            "3. Partner with communities and civil society and give them a voice.\n"
            "4. Engage actively with the network to share expertise.\n"
            "5. Support the network's members and mission."
        ),
        "ar": (
            "يوافق أعضاء شبكة المدن القوية، قولاً وفعلاً، على ما يلي:\n"
            "1. احترام حقوق جميع الناس وحمايتها.\n"
            "2. التصدي بشكل استباقي للتمييز والكراهية.\n"
            "3. الشراكة مع المجتمعات المحلية والمجتمع المدني ومنحها صوتاً.\n"
            "4. المشاركة الفاعلة مع الشبكة لتبادل الخبرات.\n"
            "5. دعم أعضاء الشبكة ورسالتها."
        ),
        "fr": (
            "Les membres du réseau Strong Cities s'engagent, en paroles et en actes, à :\n"
            "1. Respecter et protéger les droits de toutes les personnes.\n"
            "2. Agir de manière proactive contre les discriminations et la haine.\n"
            "3. Travailler en partenariat avec les communautés et la société civile et leur donner la parole.\n"
            "4. S'engager activement dans le réseau pour partager leur expertise.\n"
            "5. Soutenir les membres et la mission du réseau."
        ),
    },
}
