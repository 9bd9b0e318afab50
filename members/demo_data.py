"""Demo data for ``manage.py seed_demo``: regional hubs, member cities and demo accounts.

Pure Python constants, no Django imports. Every user-facing text is a dict with
"en", "ar" and "fr" keys (terms follow /work/shared/GLOSSARY.md).

What is real and what is illustrative:
- Hubs: names, status and the 2024 North America launch follow the network's
  brochure. Launch years of the four active hubs follow the network's public
  announcements (East and Southern Africa: Nairobi, October 2022; Western
  Balkans: virtual launch, November 2022; South Asia: inaugural workshop,
  January 2023; MENA: inaugural workshop, March 2023). The country lists are a
  reasonable demo split, not an official one.
- Cities: the cities named in the brochure are real members; Chattanooga
  (2016) and Kumanovo (2016) have documented membership years. For every other
  city, membership, "member_since", status, priorities and themes are
  ILLUSTRATIVE DEMO SETTINGS, and summaries are deliberately generic.
  Populations are rounded recent census figures or estimates; coordinates are
  city centres (for the State of Victoria: Melbourne, its seat of government;
  for Montgomery County: Rockville, its county seat).
- Kosovo uses the user-assigned code "XK" (not in ISO 3166-1 proper):
  django-countries needs COUNTRIES_OVERRIDE = {"XK": ...} to accept it.
- People: every person is fictional. No real person is named here.
"""

# ---------------------------------------------------------------------------
# Regional hubs
# ---------------------------------------------------------------------------

HUBS = [
    {
        "slug": "east-southern-africa",
        "name": {
            "en": "East and Southern Africa",
            "ar": "شرق وجنوب أفريقيا",
            "fr": "Afrique de l'Est et australe",
        },
        "description": {
            "en": (
                "Launched in Nairobi in 2022, the East and Southern Africa regional hub is a small "
                "team of local experts that runs mayor and city events, training and needs planning "
                "with members from the Horn of Africa to South Africa. Its helpdesk gives targeted "
                "support on individual cities' questions, challenges and gaps, and the team works "
                "with national governments, civil society and multilateral bodies to strengthen "
                "national–local cooperation."
            ),
            "ar": (
                "أُطلق المركز الإقليمي لشرق وجنوب أفريقيا في نيروبي عام ٢٠٢٢، وهو فريق صغير من "
                "الخبراء المحليين ينظّم فعاليات واجتماعات لرؤساء البلديات والمدن وأنشطة التدريب "
                "والتخطيط للاحتياجات مع الأعضاء من القرن الأفريقي إلى جنوب أفريقيا. ويقدّم مكتب "
                "المساعدة التابع له دعمًا موجّهًا يعالج أسئلة كل مدينة وتحدياتها والثغرات لديها، "
                "ويعمل الفريق مع الحكومات الوطنية والمجتمع المدني والهيئات المتعددة الأطراف "
                "لتعزيز التعاون الوطني المحلي."
            ),
            "fr": (
                "Lancé à Nairobi en 2022, le pôle régional Afrique de l'Est et australe est une "
                "petite équipe d'experts locaux qui organise des événements pour les maires et les "
                "villes, des formations et la planification des besoins avec les membres, de la "
                "Corne de l'Afrique à l'Afrique du Sud. Son service d'assistance apporte un appui "
                "ciblé aux questions, difficultés et lacunes propres à chaque ville, et l'équipe "
                "travaille avec les gouvernements nationaux, la société civile et les organismes "
                "multilatéraux pour renforcer la coopération nationale-locale."
            ),
        },
        "status": "active",
        "launched_year": 2022,
        "countries": [
            "BI",
            "BW",
            "ET",
            "KE",
            "LS",
            "MG",
            "MW",
            "MZ",
            "NA",
            "RW",
            "SO",
            "SS",
            "SZ",
            "TZ",
            "UG",
            "ZA",
            "ZM",
            "ZW",
        ],
        "contact_email": "east-southern-africa@hubs.example.org",
    },
    {
        "slug": "mena",
        "name": {
            "en": "Middle East and North Africa",
            "ar": "الشرق الأوسط وشمال أفريقيا",
            "fr": "Moyen-Orient et Afrique du Nord",
        },
        "description": {
            "en": (
                "The Middle East and North Africa regional hub, which held its inaugural workshop in "
                "2023, works with municipalities and governorates to strengthen their role in "
                "preventing and responding to hate, extremism and polarisation. It identifies "
                "members' needs and priorities, runs training, briefings and webinars in Arabic, "
                "English and French, and answers cities' requests through its helpdesk."
            ),
            "ar": (
                "يعمل المركز الإقليمي للشرق الأوسط وشمال أفريقيا، الذي عقد ورشة عمله الافتتاحية "
                "عام ٢٠٢٣، مع البلديات والمحافظات لتعزيز دورها في منع الكراهية والتطرف والاستقطاب "
                "والتصدي لها. ويحدّد احتياجات الأعضاء وأولوياتهم، وينظّم أنشطة التدريب والإحاطات "
                "والندوات عبر الإنترنت باللغات العربية والإنجليزية والفرنسية، ويستجيب لطلبات "
                "المدن من خلال مكتب المساعدة."
            ),
            "fr": (
                "Le pôle régional Moyen-Orient et Afrique du Nord, qui a tenu son atelier inaugural "
                "en 2023, travaille avec les municipalités et les gouvernorats pour renforcer leur "
                "rôle dans la prévention de la haine, de l'extrémisme et de la polarisation et dans "
                "la réponse à ces phénomènes. Il recense les besoins et priorités des membres, "
                "organise des formations, des séances d'information et des webinaires en arabe, en "
                "anglais et en français, et répond aux demandes des villes par son service "
                "d'assistance."
            ),
        },
        "status": "active",
        "launched_year": 2023,
        "countries": ["DZ", "EG", "IQ", "JO", "LB", "LY", "MA", "PS", "SY", "TN", "YE"],
        "contact_email": "mena@hubs.example.org",
    },
    {
        "slug": "south-asia",
        "name": {
            "en": "South Asia",
            "ar": "جنوب آسيا",
            "fr": "Asie du Sud",
        },
        "description": {
            "en": (
                "The South Asia regional hub brings together mayors, councils and provincial and "
                "district authorities from Bangladesh, the Maldives, Nepal, Pakistan, Sri Lanka and "
                "neighbouring countries for regional workshops, peer learning and targeted training. "
                "Its helpdesk and consultations help local governments that rarely have a formal "
                "prevention mandate to map their needs and priorities and to work with national "
                "authorities."
            ),
            "ar": (
                "يجمع المركز الإقليمي لجنوب آسيا رؤساء البلديات والمجالس المحلية وسلطات الأقاليم "
                "والمقاطعات من باكستان وبنغلاديش وسريلانكا ونيبال وجزر المالديف والبلدان المجاورة "
                "في ورش عمل إقليمية وأنشطة للتعلم بين الأقران والتدريب الموجه. ومن خلال مكتب "
                "المساعدة والاستشارات، يساعد المركز الحكوماتِ المحلية، التي نادرًا ما تملك ولاية "
                "رسمية في مجال الوقاية، على تحديد احتياجاتها وأولوياتها والعمل مع السلطات الوطنية."
            ),
            "fr": (
                "Le pôle régional Asie du Sud réunit maires, conseils municipaux et autorités "
                "provinciales et de district du Bangladesh, des Maldives, du Népal, du Pakistan, du "
                "Sri Lanka et des pays voisins autour d'ateliers régionaux, d'apprentissage entre "
                "pairs et de formations ciblées. Son service d'assistance et ses consultations "
                "aident des collectivités locales qui disposent rarement d'un mandat formel de "
                "prévention à définir leurs besoins et priorités et à travailler avec les autorités "
                "nationales."
            ),
        },
        "status": "active",
        "launched_year": 2023,
        "countries": ["BD", "BT", "IN", "LK", "MV", "NP", "PK"],
        "contact_email": "south-asia@hubs.example.org",
    },
    {
        "slug": "western-balkans",
        "name": {
            "en": "Western Balkans",
            "ar": "غرب البلقان",
            "fr": "Balkans occidentaux",
        },
        "description": {
            "en": (
                "Launched in 2022, the Western Balkans regional hub supports municipalities in "
                "Albania, Bosnia and Herzegovina, Kosovo, Montenegro, North Macedonia and Serbia. "
                "It runs workshops, city exchange programmes and training on multi-actor prevention "
                "frameworks, national–local cooperation and city–youth engagement, and its helpdesk "
                "answers individual municipalities' requests."
            ),
            "ar": (
                "أُطلق المركز الإقليمي لغرب البلقان عام ٢٠٢٢، ويدعم البلديات في ألبانيا والبوسنة "
                "والهرسك وكوسوفو والجبل الأسود ومقدونيا الشمالية وصربيا. وينظّم ورش العمل وبرامج "
                "التبادل بين المدن والتدريب على أطر الوقاية متعددة الجهات والتعاون الوطني المحلي "
                "والمشاركة بين المدن والشباب، ويستجيب مكتب المساعدة التابع له لطلبات كل بلدية."
            ),
            "fr": (
                "Lancé en 2022, le pôle régional Balkans occidentaux accompagne les municipalités "
                "d'Albanie, de Bosnie-Herzégovine, du Kosovo, de Macédoine du Nord, du Monténégro et "
                "de Serbie. Il organise des ateliers, des programmes d'échange entre villes et des "
                "formations sur les cadres de prévention multi-acteurs, la coopération "
                "nationale-locale et l'engagement villes–jeunesse, et son service d'assistance "
                "répond aux demandes de chaque municipalité."
            ),
        },
        "status": "active",
        "launched_year": 2022,
        "countries": ["AL", "BA", "ME", "MK", "RS", "XK"],
        "contact_email": "western-balkans@hubs.example.org",
    },
    {
        "slug": "north-america",
        "name": {
            "en": "North America",
            "ar": "أمريكا الشمالية",
            "fr": "Amérique du Nord",
        },
        "description": {
            "en": (
                "The North America regional hub, launching in 2024 with partners including the "
                "National League of Cities, will support members in Canada and the United States. "
                "It will run regional events and training, share good practices such as multi-actor "
                "prevention frameworks, and open a helpdesk for cities' questions on preventing and "
                "responding to hate, extremism and polarisation."
            ),
            "ar": (
                "يجري إطلاق المركز الإقليمي لأمريكا الشمالية عام ٢٠٢٤ بالتعاون مع شركاء من بينهم "
                "الرابطة الوطنية للمدن، لدعم الأعضاء في كندا والولايات المتحدة. وسينظّم فعاليات "
                "إقليمية وأنشطة تدريب، وينشر الممارسات الجيدة مثل أطر الوقاية متعددة الجهات، "
                "ويفتح مكتب مساعدة للإجابة عن أسئلة المدن حول منع الكراهية والتطرف والاستقطاب "
                "والتصدي لها."
            ),
            "fr": (
                "Le pôle régional Amérique du Nord, lancé en 2024 avec des partenaires dont la "
                "National League of Cities, accompagnera les membres au Canada et aux États-Unis. "
                "Il organisera des événements régionaux et des formations, diffusera des bonnes "
                "pratiques comme les cadres de prévention multi-acteurs et ouvrira un service "
                "d'assistance pour répondre aux questions des villes sur la manière de prévenir la "
                "haine, l'extrémisme et la polarisation et d'y répondre."
            ),
        },
        "status": "launching",
        "launched_year": 2024,
        "countries": ["CA", "US"],
        "contact_email": "north-america@hubs.example.org",
    },
    {
        "slug": "south-east-asia",
        "name": {
            "en": "South-East Asia",
            "ar": "جنوب شرق آسيا",
            "fr": "Asie du Sud-Est",
        },
        "description": {
            "en": (
                "A South-East Asia regional hub is planned, subject to funding, to bring helpdesk "
                "support, training and regional events closer to members in the region. Until it "
                "opens, the Management Unit's Central Team supports members there directly and "
                "records their needs and priorities."
            ),
            "ar": (
                "من المخطط إنشاء مركز إقليمي لجنوب شرق آسيا، رهنًا بالتمويل، لتقريب خدمات مكتب "
                "المساعدة والتدريب والفعاليات الإقليمية من الأعضاء في المنطقة. وإلى حين افتتاحه، "
                "يدعم الفريق المركزي لوحدة الإدارة الأعضاءَ هناك مباشرةً ويسجّل احتياجاتهم "
                "وأولوياتهم."
            ),
            "fr": (
                "Un pôle régional Asie du Sud-Est est prévu, sous réserve de financement, pour "
                "rapprocher le service d'assistance, les formations et les événements régionaux des "
                "membres de la région. D'ici son ouverture, l'Équipe centrale de l'Unité de gestion "
                "accompagne directement ces membres et recense leurs besoins et priorités."
            ),
        },
        "status": "planned",
        "launched_year": None,
        "countries": ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"],
        "contact_email": "south-east-asia@hubs.example.org",
    },
    {
        "slug": "west-africa",
        "name": {
            "en": "West Africa",
            "ar": "غرب أفريقيا",
            "fr": "Afrique de l'Ouest",
        },
        "description": {
            "en": (
                "A West Africa regional hub, covering coastal West Africa and the Sahel, is planned, "
                "subject to funding, to offer helpdesk support, training and regional events to "
                "local governments in the region. Until it opens, the Management Unit's Central Team "
                "supports members there directly and records their needs and priorities."
            ),
            "ar": (
                "من المخطط إنشاء مركز إقليمي لغرب أفريقيا يشمل غرب أفريقيا الساحلي ومنطقة الساحل، "
                "رهنًا بالتمويل، لتقديم خدمات مكتب المساعدة والتدريب والفعاليات الإقليمية للحكومات "
                "المحلية في المنطقة. وإلى حين افتتاحه، يدعم الفريق المركزي لوحدة الإدارة الأعضاءَ "
                "هناك مباشرةً ويسجّل احتياجاتهم وأولوياتهم."
            ),
            "fr": (
                "Un pôle régional Afrique de l'Ouest, couvrant l'Afrique de l'Ouest côtière et le "
                "Sahel, est prévu sous réserve de financement pour offrir aux collectivités locales "
                "de la région un service d'assistance, des formations et des événements régionaux. "
                "D'ici son ouverture, l'Équipe centrale de l'Unité de gestion accompagne directement "
                "les membres de la région et recense leurs besoins et priorités."
            ),
        },
        "status": "planned",
        "launched_year": None,
        "countries": [
            "BF",
            "BJ",
            "CI",
            "CV",
            "GH",
            "GM",
            "GN",
            "GW",
            "LR",
            "ML",
            "MR",
            "NE",
            "NG",
            "SL",
            "SN",
            "TD",
            "TG",
        ],
        "contact_email": "west-africa@hubs.example.org",
    },
]


# ---------------------------------------------------------------------------
# Cities (any sub-national authority)
# ---------------------------------------------------------------------------
# Cities named in the brochure come first. For the others, membership details
# are illustrative demo settings (see the module docstring).

CITIES = [
    # --- Named in the brochure -------------------------------------------
    {
        "slug": "chattanooga",
        "country": "US",
        "name": {"en": "Chattanooga", "ar": "تشاتانوغا", "fr": "Chattanooga"},
        "authority_type": "municipality",
        "population": 185000,
        "lat": 35.0456,
        "lon": -85.3097,
        "member_since": 2016,
        "website": "https://chattanooga.gov",
        "summary": {
            "en": (
                "A member since 2016, Chattanooga is developing a comprehensive local framework to "
                "prevent hate and extremism that responds to its communities' needs. Under its "
                '"Chattanooga Unified" vision it works to reconcile divided experiences with '
                "honesty and courage."
            ),
            "ar": (
                "تعمل تشاتانوغا، العضو في شبكة المدن القوية منذ عام ٢٠١٦، على تطوير إطار محلي شامل "
                "لمنع الكراهية والتطرف يستجيب لاحتياجات مجتمعاتها. وفي إطار رؤية «تشاتانوغا "
                "موحدة» تسعى إلى التوفيق بين التجارب المنقسمة بشجاعة وصدق."
            ),
            "fr": (
                "Membre depuis 2016, Chattanooga élabore un cadre local global de prévention de la "
                "haine et de l'extrémisme qui répond aux besoins de ses communautés. Dans le cadre de "
                "sa vision « Chattanooga Unified », elle s'attache à réconcilier avec courage et "
                "honnêteté des réalités parfois divisées."
            ),
        },
        "priorities": [3, 1],
        "themes": ["multi-actor-prevention", "incident-response"],
        "status": "member",
    },
    {
        "slug": "kumanovo",
        "country": "MK",
        "name": {"en": "Kumanovo", "ar": "كومانوفو", "fr": "Kumanovo"},
        "authority_type": "municipality",
        "population": 98000,
        "lat": 42.1322,
        "lon": 21.7144,
        "member_since": 2016,
        "website": "https://kumanovo.gov.mk",
        "summary": {
            "en": (
                "Kumanovo, a multi-ethnic municipality in north-east North Macedonia, runs a "
                "Community Action Team that brings local actors together to monitor local risks and "
                "respond to hate and extremism. The municipality shares its experience through city "
                "exchanges and sits on the International Steering Committee."
            ),
            "ar": (
                "تدير كومانوفو، وهي بلدية متعددة الأعراق في شمال شرق مقدونيا الشمالية، فريق عمل "
                "مجتمعيًا يجمع الجهات المحلية لرصد المخاطر المحلية والتصدي للكراهية والتطرف. "
                "وتتبادل البلدية خبرتها من خلال برامج التبادل بين المدن، وهي عضو في اللجنة "
                "التوجيهية الدولية."
            ),
            "fr": (
                "Municipalité multiethnique du nord-est de la Macédoine du Nord, Kumanovo anime une "
                "équipe d'action communautaire qui réunit les acteurs locaux pour suivre les risques "
                "et répondre à la haine et à l'extrémisme. Elle partage son expérience lors "
                "d'échanges entre villes et siège au Comité directeur international."
            ),
        },
        "priorities": [1, 2, 3, 5],
        "themes": ["multi-actor-prevention", "national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "cape-town",
        "country": "ZA",
        "name": {"en": "Cape Town", "ar": "كيب تاون", "fr": "Le Cap"},
        "authority_type": "municipality",
        "population": 4770000,
        "lat": -33.9249,
        "lon": 18.4241,
        "member_since": 2022,
        "website": "https://www.capetown.gov.za",
        "summary": {
            "en": (
                "The City of Cape Town places prevention within its safety and security work, "
                "investing in neighbourhood watches, youth organisations and other community-based "
                "initiatives. It hosts peer learning with cities from East and Southern Africa."
            ),
            "ar": (
                "تُدرج مدينة كيب تاون الوقاية ضمن عملها في مجال السلامة والأمن، وتستثمر في مجموعات "
                "مراقبة الأحياء ومنظمات الشباب وغيرها من المبادرات المجتمعية. وتستضيف أنشطة للتعلم "
                "بين الأقران مع مدن من شرق وجنوب أفريقيا."
            ),
            "fr": (
                "La Ville du Cap inscrit la prévention dans son action de sûreté et de sécurité, en "
                "investissant dans les comités de surveillance de quartier, les organisations de "
                "jeunesse et d'autres initiatives communautaires. Elle accueille des activités "
                "d'apprentissage entre pairs avec des villes d'Afrique de l'Est et australe."
            ),
        },
        "priorities": [1, 3, 5],
        "themes": ["multi-actor-prevention", "national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "kampala",
        "country": "UG",
        "name": {
            "en": "Kampala Capital City Authority",
            "ar": "هيئة مدينة كمبالا العاصمة",
            "fr": "Autorité de la ville-capitale de Kampala",
        },
        "authority_type": "capital",
        "population": 1800000,
        "lat": 0.3476,
        "lon": 32.5825,
        "member_since": 2021,
        "website": "https://www.kcca.go.ug",
        "summary": {
            "en": (
                "Kampala works to give local government a seat alongside national ministries in "
                "discussions on preventing violent extremism in Uganda. It focuses on national–local "
                "coordination and on engaging young people in the capital's neighbourhoods."
            ),
            "ar": (
                "تعمل كمبالا على أن يكون للحكومة المحلية مكان إلى جانب الوزارات الوطنية في النقاشات "
                "حول منع التطرف العنيف في أوغندا. وتركّز على التنسيق الوطني والمحلي وعلى إشراك "
                "الشباب في أحياء العاصمة."
            ),
            "fr": (
                "Kampala s'attache à donner aux collectivités locales une place aux côtés des "
                "ministères nationaux dans les discussions sur la prévention de l'extrémisme violent "
                "en Ouganda. Elle met l'accent sur la coordination nationale-locale et sur "
                "l'engagement des jeunes dans les quartiers de la capitale."
            ),
        },
        "priorities": [2, 4],
        "themes": ["national-local-cooperation", "young-cities"],
        "status": "member",
    },
    {
        "slug": "aurora",
        "country": "US",
        "name": {"en": "Aurora, Colorado", "ar": "أورورا، كولورادو", "fr": "Aurora (Colorado)"},
        "authority_type": "municipality",
        "population": 390000,
        "lat": 39.7294,
        "lon": -104.8319,
        "member_since": 2017,
        "website": "https://www.auroragov.org",
        "summary": {
            "en": (
                "Aurora, one of Colorado's most diverse cities, connects city services, community "
                "organisations and newcomers to strengthen social cohesion. It has supported the "
                "network's work through commissioned projects and in-kind contributions."
            ),
            "ar": (
                "تربط أورورا، وهي من أكثر مدن كولورادو تنوعًا، بين خدمات المدينة ومنظمات المجتمع "
                "والقادمين الجدد لتعزيز التماسك الاجتماعي. وقد دعمت عمل الشبكة من خلال التكليف "
                "بمشاريع والمساهمات العينية."
            ),
            "fr": (
                "Aurora, l'une des villes les plus diverses du Colorado, rapproche services "
                "municipaux, associations et nouveaux arrivants pour renforcer la cohésion sociale. "
                "Elle a soutenu l'action du réseau par des projets commandités et des contributions "
                "en nature."
            ),
        },
        "priorities": [1, 3],
        "themes": ["multi-actor-prevention", "transatlantic-dialogue"],
        "status": "member",
    },
    {
        "slug": "berlin",
        "country": "DE",
        "name": {"en": "Berlin", "ar": "برلين", "fr": "Berlin"},
        "authority_type": "capital",
        "population": 3800000,
        "lat": 52.5200,
        "lon": 13.4050,
        "member_since": 2015,
        "website": "https://www.berlin.de",
        "summary": {
            "en": (
                "Berlin combines a state-level prevention programme with support for civil society "
                "projects against antisemitism, anti-Muslim hatred and right-wing extremism. It "
                "hosted a workshop of the Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "تجمع برلين بين برنامج للوقاية على مستوى الولاية ودعم مشاريع المجتمع المدني "
                "لمكافحة معاداة السامية وكراهية المسلمين والتطرف اليميني. واستضافت ورشة عمل ضمن "
                "مبادرة الحوار عبر الأطلسي."
            ),
            "fr": (
                "Berlin associe un programme de prévention à l'échelle du Land et un soutien aux "
                "projets de la société civile contre l'antisémitisme, la haine anti-musulmane et "
                "l'extrémisme de droite. Elle a accueilli un atelier de l'Initiative de dialogue "
                "transatlantique."
            ),
        },
        "priorities": [1, 3, 5],
        "themes": ["transatlantic-dialogue", "global-crises"],
        "status": "member",
    },
    {
        "slug": "denver",
        "country": "US",
        "name": {"en": "Denver", "ar": "دنفر", "fr": "Denver"},
        "authority_type": "municipality",
        "population": 715000,
        "lat": 39.7392,
        "lon": -104.9903,
        "member_since": 2016,
        "website": "https://www.denvergov.org",
        "summary": {
            "en": (
                "Denver works with community partners on violence prevention and on protecting local "
                "democracy from threats and harassment. It hosted a workshop of the Transatlantic "
                "Dialogue Initiative."
            ),
            "ar": (
                "تعمل دنفر مع شركاء من المجتمع المحلي على منع العنف وحماية الديمقراطية المحلية من "
                "التهديدات والمضايقات. واستضافت ورشة عمل ضمن مبادرة الحوار عبر الأطلسي."
            ),
            "fr": (
                "Denver travaille avec des partenaires locaux à la prévention de la violence et à la "
                "protection de la démocratie locale contre les menaces et le harcèlement. Elle a "
                "accueilli un atelier de l'Initiative de dialogue transatlantique."
            ),
        },
        "priorities": [1, 5],
        "themes": ["transatlantic-dialogue", "multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "halle-saale",
        "country": "DE",
        "name": {"en": "Halle (Saale)", "ar": "هالي", "fr": "Halle-sur-Saale"},
        "authority_type": "municipality",
        "population": 240000,
        "lat": 51.4825,
        "lon": 11.9697,
        "member_since": 2020,
        "website": "https://www.halle.de",
        "summary": {
            "en": (
                "Since the antisemitic attack of October 2019, Halle has focused on community "
                "recovery, remembrance and support for Jewish life in the city. It shares its "
                "lessons learned on city-led incident response with other members."
            ),
            "ar": (
                "منذ الهجوم المعادي للسامية في تشرين الأول/أكتوبر ٢٠١٩، تركّز هالي على تعافي "
                "المجتمع وإحياء الذكرى ودعم الحياة اليهودية في المدينة. وتتبادل مع الأعضاء الآخرين "
                "الدروس المستفادة في مجال الاستجابة للحوادث التي تقودها المدينة."
            ),
            "fr": (
                "Depuis l'attentat antisémite d'octobre 2019, Halle se consacre au rétablissement de "
                "la communauté, au travail de mémoire et au soutien de la vie juive dans la ville. "
                "Elle partage avec les autres membres ses enseignements tirés en matière de réponse "
                "aux incidents menée par la ville."
            ),
        },
        "priorities": [1, 3],
        "themes": ["incident-response", "global-crises"],
        "status": "member",
    },
    {
        "slug": "london",
        "country": "GB",
        "name": {"en": "London", "ar": "لندن", "fr": "Londres"},
        "authority_type": "region",
        "population": 8900000,
        "lat": 51.5074,
        "lon": -0.1278,
        "member_since": 2015,
        "website": "https://www.london.gov.uk",
        "summary": {
            "en": (
                "At the level of Greater London, the city's approach links community cohesion, "
                "countering hate crime and support for boroughs and civil society. London hosted a "
                "workshop of the Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "على مستوى لندن الكبرى، يربط نهج المدينة بين التماسك المجتمعي ومكافحة جرائم "
                "الكراهية ودعم الأحياء الإدارية والمجتمع المدني. واستضافت لندن ورشة عمل ضمن مبادرة "
                "الحوار عبر الأطلسي."
            ),
            "fr": (
                "À l'échelle du Grand Londres, l'approche de la ville relie cohésion sociale, lutte "
                "contre les crimes de haine et soutien aux arrondissements et à la société civile. "
                "Londres a accueilli un atelier de l'Initiative de dialogue transatlantique."
            ),
        },
        "priorities": [1, 3, 5],
        "themes": ["transatlantic-dialogue", "global-crises"],
        "status": "member",
    },
    {
        "slug": "new-york-city",
        "country": "US",
        "name": {"en": "New York City", "ar": "مدينة نيويورك", "fr": "New York"},
        "authority_type": "municipality",
        "population": 8300000,
        "lat": 40.7128,
        "lon": -74.0060,
        "member_since": 2015,
        "website": "https://www.nyc.gov",
        "summary": {
            "en": (
                "New York City works across agencies and with community partners to prevent hate "
                "crimes and support affected communities. It hosted the 4th Global Summit in "
                "September 2023 and a closing event of the Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "تعمل مدينة نيويورك عبر مختلف أجهزتها ومع شركاء من المجتمع المحلي على منع جرائم "
                "الكراهية ودعم المجتمعات المتضررة. واستضافت القمة العالمية الرابعة في أيلول/سبتمبر "
                "٢٠٢٣ وإحدى الفعاليات الختامية لمبادرة الحوار عبر الأطلسي."
            ),
            "fr": (
                "New York mobilise ses services et des partenaires communautaires pour prévenir les "
                "crimes de haine et soutenir les communautés touchées. Elle a accueilli le "
                "4e Sommet mondial en septembre 2023 et un événement de clôture de l'Initiative de "
                "dialogue transatlantique."
            ),
        },
        "priorities": [1, 5],
        "themes": ["transatlantic-dialogue", "global-crises", "incident-response"],
        "status": "member",
    },
    {
        "slug": "oslo",
        "country": "NO",
        "name": {"en": "Oslo", "ar": "أوسلو", "fr": "Oslo"},
        "authority_type": "capital",
        "population": 715000,
        "lat": 59.9139,
        "lon": 10.7522,
        "member_since": 2015,
        "website": "https://www.oslo.kommune.no",
        "summary": {
            "en": (
                "Oslo coordinates schools, youth services, health services and police in a "
                "multi-agency model for preventing radicalisation and violent extremism. It hosted a "
                "workshop of the Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "تنسّق أوسلو بين المدارس وخدمات الشباب والخدمات الصحية والشرطة ضمن نموذج متعدد "
                "الجهات لمنع التطرف والتطرف العنيف. واستضافت ورشة عمل ضمن مبادرة الحوار عبر "
                "الأطلسي."
            ),
            "fr": (
                "Oslo coordonne écoles, services jeunesse, services de santé et police dans un "
                "modèle pluri-institutionnel de prévention de la radicalisation et de l'extrémisme "
                "violent. Elle a accueilli un atelier de l'Initiative de dialogue transatlantique."
            ),
        },
        "priorities": [1, 3, 4],
        "themes": ["transatlantic-dialogue", "multi-actor-prevention", "incident-response"],
        "status": "member",
    },
    {
        "slug": "the-hague",
        "country": "NL",
        "name": {"en": "The Hague", "ar": "لاهاي", "fr": "La Haye"},
        "authority_type": "municipality",
        "population": 560000,
        "lat": 52.0705,
        "lon": 4.3007,
        "member_since": 2015,
        "website": "https://www.denhaag.nl",
        "summary": {
            "en": (
                "The Hague pairs neighbourhood-based prevention with close cooperation between the "
                "municipality, police and community organisations. It hosted a closing event of the "
                "Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "تجمع لاهاي بين الوقاية على مستوى الأحياء والتعاون الوثيق بين البلدية والشرطة "
                "ومنظمات المجتمع المحلي. واستضافت إحدى الفعاليات الختامية لمبادرة الحوار عبر "
                "الأطلسي."
            ),
            "fr": (
                "La Haye associe une prévention ancrée dans les quartiers à une coopération étroite "
                "entre la municipalité, la police et les associations. Elle a accueilli un événement "
                "de clôture de l'Initiative de dialogue transatlantique."
            ),
        },
        "priorities": [1, 2, 3],
        "themes": ["transatlantic-dialogue", "multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "victoria",
        "country": "AU",
        "name": {"en": "State of Victoria", "ar": "ولاية فيكتوريا", "fr": "État de Victoria"},
        "authority_type": "province_state",
        "population": 6900000,
        "lat": -37.8136,
        "lon": 144.9631,
        "member_since": 2016,
        "website": "https://www.vic.gov.au",
        "summary": {
            "en": (
                "The State of Victoria funds social cohesion and early intervention programmes "
                "delivered with local councils and community organisations. It has supported the "
                "network through commissioned projects and in-kind contributions."
            ),
            "ar": (
                "تموّل ولاية فيكتوريا برامج للتماسك الاجتماعي والتدخل المبكر تُنفَّذ مع المجالس "
                "المحلية ومنظمات المجتمع. وقد دعمت الشبكة من خلال التكليف بمشاريع والمساهمات "
                "العينية."
            ),
            "fr": (
                "L'État de Victoria finance des programmes de cohésion sociale et d'intervention "
                "précoce menés avec les conseils locaux et les associations. Il a soutenu le réseau "
                "par des projets commandités et des contributions en nature."
            ),
        },
        "priorities": [2, 3],
        "themes": ["national-local-cooperation", "multi-actor-prevention"],
        "status": "member",
    },
    # --- East and Southern Africa ----------------------------------------
    {
        "slug": "nairobi",
        "country": "KE",
        "name": {"en": "Nairobi", "ar": "نيروبي", "fr": "Nairobi"},
        "authority_type": "capital",
        "population": 4400000,
        "lat": -1.2921,
        "lon": 36.8219,
        "member_since": 2019,
        "website": "https://nairobi.go.ke",
        "summary": {
            "en": (
                "Nairobi City County works with youth groups, faith leaders and ward administrators "
                "on community-based prevention. It hosted a Strong Cities conference in 2022."
            ),
            "ar": (
                "تعمل مقاطعة مدينة نيروبي مع مجموعات الشباب والقادة الدينيين ومسؤولي الدوائر على "
                "الوقاية القائمة على المجتمع. واستضافت مؤتمرًا للمدن القوية عام ٢٠٢٢."
            ),
            "fr": (
                "Le comté de la ville de Nairobi travaille avec des groupes de jeunes, des "
                "responsables religieux et les administrateurs de quartier à une prévention ancrée "
                "dans les communautés. Il a accueilli une conférence de Strong Cities en 2022."
            ),
        },
        "priorities": [1, 4],
        "themes": ["young-cities", "national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "mombasa",
        "country": "KE",
        "name": {"en": "Mombasa County", "ar": "مقاطعة مومباسا", "fr": "Comté de Mombasa"},
        "authority_type": "county_district",
        "population": 1210000,
        "lat": -4.0435,
        "lon": 39.6682,
        "member_since": 2016,
        "website": "https://www.mombasa.go.ke",
        "summary": {
            "en": (
                "Mombasa County implements a county action plan for preventing violent extremism, "
                "developed with national agencies and civil society. Youth engagement and "
                "reintegration support are among its priorities."
            ),
            "ar": (
                "تنفّذ مقاطعة مومباسا خطة عمل على مستوى المقاطعة لمنع التطرف العنيف، أُعدّت مع "
                "الأجهزة الوطنية والمجتمع المدني. ومن أولوياتها إشراك الشباب ودعم إعادة الإدماج."
            ),
            "fr": (
                "Le comté de Mombasa met en œuvre un plan d'action de comté pour la prévention de "
                "l'extrémisme violent, élaboré avec les agences nationales et la société civile. "
                "L'engagement des jeunes et l'appui à la réintégration figurent parmi ses priorités."
            ),
        },
        "priorities": [2, 3, 4],
        "themes": ["national-local-cooperation", "multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "isiolo",
        "country": "KE",
        "name": {"en": "Isiolo County", "ar": "مقاطعة إيسيولو", "fr": "Comté d'Isiolo"},
        "authority_type": "county_district",
        "population": 270000,
        "lat": 0.3546,
        "lon": 37.5822,
        "member_since": 2019,
        "website": "",
        "summary": {
            "en": (
                "Isiolo County, largely rural and pastoralist, brings county officials, elders and "
                "women's and youth groups together in local peace and prevention forums."
            ),
            "ar": (
                "تجمع مقاطعة إيسيولو، وهي مقاطعة ريفية ورعوية في معظمها، مسؤولي المقاطعة والشيوخ "
                "ومجموعات النساء والشباب في منتديات محلية للسلام والوقاية."
            ),
            "fr": (
                "Le comté d'Isiolo, largement rural et pastoral, réunit responsables du comté, "
                "anciens et groupes de femmes et de jeunes dans des forums locaux de paix et de "
                "prévention."
            ),
        },
        "priorities": [2, 4],
        "themes": ["multi-actor-prevention", "national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "dar-es-salaam",
        "country": "TZ",
        "name": {"en": "Dar es Salaam", "ar": "دار السلام", "fr": "Dar es Salaam"},
        "authority_type": "region",
        "population": 5380000,
        "lat": -6.7924,
        "lon": 39.2083,
        "member_since": 2023,
        "website": "",
        "summary": {
            "en": (
                "Dar es Salaam is exploring how its municipal councils can support community "
                "safety and social cohesion in fast-growing neighbourhoods, with a focus on young "
                "people."
            ),
            "ar": (
                "تدرس دار السلام كيف يمكن لمجالسها البلدية أن تدعم السلامة المجتمعية والتماسك "
                "الاجتماعي في الأحياء سريعة النمو، مع التركيز على الشباب."
            ),
            "fr": (
                "Dar es Salaam étudie comment ses conseils municipaux peuvent soutenir la sécurité "
                "communautaire et la cohésion sociale dans des quartiers en forte croissance, en "
                "mettant l'accent sur les jeunes."
            ),
        },
        "priorities": [3, 4],
        "themes": ["young-cities", "global-crises"],
        "status": "member",
    },
    {
        "slug": "maputo",
        "country": "MZ",
        "name": {"en": "Maputo", "ar": "مابوتو", "fr": "Maputo"},
        "authority_type": "capital",
        "population": 1120000,
        "lat": -25.9692,
        "lon": 32.5732,
        "member_since": 2023,
        "website": "",
        "summary": {
            "en": (
                "Maputo's municipal council is building links with national authorities and other "
                "cities in the region to share good practices on social cohesion and the reception "
                "of displaced people."
            ),
            "ar": (
                "يبني المجلس البلدي في مابوتو روابط مع السلطات الوطنية ومدن أخرى في المنطقة لتبادل "
                "الممارسات الجيدة في مجال التماسك الاجتماعي واستقبال النازحين."
            ),
            "fr": (
                "Le conseil municipal de Maputo tisse des liens avec les autorités nationales et "
                "d'autres villes de la région pour partager de bonnes pratiques en matière de "
                "cohésion sociale et d'accueil des personnes déplacées."
            ),
        },
        "priorities": [1, 2],
        "themes": ["global-crises", "national-local-cooperation"],
        "status": "member",
    },
    # --- Middle East and North Africa ------------------------------------
    {
        "slug": "amman",
        "country": "JO",
        "name": {"en": "Amman", "ar": "عمّان", "fr": "Amman"},
        "authority_type": "capital",
        "population": 4000000,
        "lat": 31.9539,
        "lon": 35.9106,
        "member_since": 2016,
        "website": "https://www.ammancity.gov.jo",
        "summary": {
            "en": (
                "The Greater Amman Municipality works with community centres, youth initiatives and "
                "civil society to strengthen social cohesion in a diverse and fast-growing capital."
            ),
            "ar": (
                "تعمل أمانة عمّان الكبرى مع المراكز المجتمعية والمبادرات الشبابية والمجتمع المدني "
                "لتعزيز التماسك الاجتماعي في عاصمة متنوعة وسريعة النمو."
            ),
            "fr": (
                "La municipalité du Grand Amman travaille avec des centres communautaires, des "
                "initiatives de jeunes et la société civile pour renforcer la cohésion sociale dans "
                "une capitale diverse et en forte croissance."
            ),
        },
        "priorities": [1, 4],
        "themes": ["young-cities", "global-crises"],
        "status": "member",
    },
    {
        "slug": "zarqa",
        "country": "JO",
        "name": {"en": "Zarqa", "ar": "الزرقاء", "fr": "Zarqa"},
        "authority_type": "municipality",
        "population": 635000,
        "lat": 32.0728,
        "lon": 36.0880,
        "member_since": 2017,
        "website": "",
        "summary": {
            "en": (
                "Zarqa supports a local prevention network of teachers, youth workers, religious "
                "leaders and municipal staff who design small community projects."
            ),
            "ar": (
                "تدعم الزرقاء شبكة وقاية محلية تضم معلمين وعاملين مع الشباب وقادة دينيين وموظفين "
                "في البلدية يصمّمون مشاريع مجتمعية صغيرة."
            ),
            "fr": (
                "Zarqa soutient un réseau local de prévention réunissant enseignants, animateurs "
                "jeunesse, responsables religieux et agents municipaux, qui conçoivent de petits "
                "projets communautaires."
            ),
        },
        "priorities": [3, 4],
        "themes": ["multi-actor-prevention", "young-cities"],
        "status": "member",
    },
    {
        "slug": "beirut",
        "country": "LB",
        "name": {"en": "Beirut", "ar": "بيروت", "fr": "Beyrouth"},
        "authority_type": "capital",
        "population": 360000,
        "lat": 33.8938,
        "lon": 35.5018,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "The Municipality of Beirut focuses on social cohesion between neighbourhoods and "
                "communities and on local responses to the effects of economic crisis."
            ),
            "ar": (
                "تركّز بلدية بيروت على التماسك الاجتماعي بين الأحياء والمجتمعات، وعلى الاستجابات "
                "المحلية لآثار الأزمة الاقتصادية."
            ),
            "fr": (
                "La municipalité de Beyrouth met l'accent sur la cohésion sociale entre quartiers et "
                "communautés et sur les réponses locales aux effets de la crise économique."
            ),
        },
        "priorities": [1, 3],
        "themes": ["global-crises"],
        "status": "member",
    },
    {
        "slug": "tripoli",
        "country": "LB",
        "name": {"en": "Tripoli", "ar": "طرابلس", "fr": "Tripoli"},
        "authority_type": "municipality",
        "population": 230000,
        "lat": 34.4367,
        "lon": 35.8497,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "Tripoli works through a local prevention network and a municipal youth office to "
                "give young people a voice in local decisions."
            ),
            "ar": (
                "تعمل طرابلس من خلال شبكة وقاية محلية ومكتب بلدي لشؤون الشباب على إعطاء الشباب "
                "صوتًا في القرارات المحلية."
            ),
            "fr": (
                "Tripoli s'appuie sur un réseau local de prévention et un bureau municipal de la "
                "jeunesse pour faire entendre la voix des jeunes dans les décisions locales."
            ),
        },
        "priorities": [3, 4],
        "themes": ["young-cities", "multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "majdal-anjar",
        "country": "LB",
        "name": {"en": "Majdal Anjar", "ar": "مجدل عنجر", "fr": "Majdel Anjar"},
        "authority_type": "small_rural",
        "population": 20000,
        "lat": 33.7070,
        "lon": 35.9030,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "Majdal Anjar, a small municipality in the Bekaa valley near the Syrian border, "
                "works with schools, families and local associations on cohesion between host and "
                "refugee communities."
            ),
            "ar": (
                "تعمل مجدل عنجر، وهي بلدية صغيرة في سهل البقاع قرب الحدود السورية، مع المدارس "
                "والأسر والجمعيات المحلية على تعزيز التماسك بين المجتمع المضيف واللاجئين."
            ),
            "fr": (
                "Petite municipalité de la plaine de la Bekaa proche de la frontière syrienne, "
                "Majdel Anjar travaille avec les écoles, les familles et les associations locales à "
                "la cohésion entre communautés d'accueil et réfugiés."
            ),
        },
        "priorities": [1, 4],
        "themes": ["global-crises", "young-cities"],
        "status": "member",
    },
    {
        "slug": "tunis",
        "country": "TN",
        "name": {"en": "Tunis", "ar": "تونس", "fr": "Tunis"},
        "authority_type": "capital",
        "population": 640000,
        "lat": 36.8065,
        "lon": 10.1815,
        "member_since": 2017,
        "website": "",
        "summary": {
            "en": (
                "The Municipality of Tunis supports youth and cultural centres in working-class "
                "neighbourhoods as spaces for dialogue and civic participation."
            ),
            "ar": (
                "تدعم بلدية تونس مراكز الشباب والمراكز الثقافية في الأحياء الشعبية باعتبارها "
                "فضاءات للحوار والمشاركة المدنية."
            ),
            "fr": (
                "La municipalité de Tunis soutient les maisons de jeunes et les centres culturels "
                "des quartiers populaires comme lieux de dialogue et de participation citoyenne."
            ),
        },
        "priorities": [4, 1],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "rabat",
        "country": "MA",
        "name": {"en": "Rabat", "ar": "الرباط", "fr": "Rabat"},
        "authority_type": "capital",
        "population": 520000,
        "lat": 34.0209,
        "lon": -6.8416,
        "member_since": 2018,
        "website": "",
        "summary": {
            "en": (
                "The Commune of Rabat works with associations on youth participation, inclusion of "
                "migrants and intercultural dialogue, and shares its experience with French-speaking "
                "cities in the network."
            ),
            "ar": (
                "تعمل جماعة الرباط مع الجمعيات على مشاركة الشباب وإدماج المهاجرين والحوار بين "
                "الثقافات، وتتبادل خبرتها مع المدن الناطقة بالفرنسية في الشبكة."
            ),
            "fr": (
                "La commune de Rabat travaille avec les associations sur la participation des "
                "jeunes, l'inclusion des migrants et le dialogue interculturel, et partage son "
                "expérience avec les villes francophones du réseau."
            ),
        },
        "priorities": [1, 4],
        "themes": ["young-cities", "global-crises"],
        "status": "member",
    },
    {
        "slug": "mosul",
        "country": "IQ",
        "name": {"en": "Mosul", "ar": "الموصل", "fr": "Mossoul"},
        "authority_type": "municipality",
        "population": 1700000,
        "lat": 36.3400,
        "lon": 43.1300,
        "member_since": 2023,
        "website": "",
        "summary": {
            "en": (
                "Mosul focuses on reconciliation, rebuilding trust between communities and local "
                "institutions, and coordination with national prevention efforts."
            ),
            "ar": (
                "تركّز الموصل على المصالحة وإعادة بناء الثقة بين المجتمعات والمؤسسات المحلية، "
                "والتنسيق مع جهود الوقاية الوطنية."
            ),
            "fr": (
                "Mossoul met l'accent sur la réconciliation, le rétablissement de la confiance entre "
                "communautés et institutions locales et la coordination avec les efforts nationaux "
                "de prévention."
            ),
        },
        "priorities": [2, 3],
        "themes": ["national-local-cooperation", "incident-response"],
        "status": "member",
    },
    # --- South Asia --------------------------------------------------------
    {
        "slug": "islamabad",
        "country": "PK",
        "name": {"en": "Islamabad", "ar": "إسلام آباد", "fr": "Islamabad"},
        "authority_type": "capital",
        "population": 2360000,
        "lat": 33.6844,
        "lon": 73.0479,
        "member_since": 2023,
        "website": "",
        "summary": {
            "en": (
                "Islamabad's local administration is exploring how municipal services, schools and "
                "community leaders can contribute to social harmony in the capital territory."
            ),
            "ar": (
                "تدرس الإدارة المحلية في إسلام آباد كيف يمكن للخدمات البلدية والمدارس وقادة "
                "المجتمع أن يسهموا في الوئام الاجتماعي في إقليم العاصمة."
            ),
            "fr": (
                "L'administration locale d'Islamabad étudie comment les services municipaux, les "
                "écoles et les responsables communautaires peuvent contribuer à l'harmonie sociale "
                "dans le territoire de la capitale."
            ),
        },
        "priorities": [2, 3],
        "themes": ["national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "peshawar",
        "country": "PK",
        "name": {"en": "Peshawar", "ar": "بيشاور", "fr": "Peshawar"},
        "authority_type": "municipality",
        "population": 2000000,
        "lat": 34.0151,
        "lon": 71.5249,
        "member_since": 2023,
        "website": "",
        "summary": {
            "en": (
                "Peshawar takes part in regional workshops on how local governments can respond to "
                "the local impact of global crises and strengthen community resilience."
            ),
            "ar": (
                "تشارك بيشاور في ورش عمل إقليمية حول كيفية استجابة الحكومات المحلية للتأثيرات "
                "المحلية للأزمات العالمية وتعزيز قدرة المجتمعات على الصمود."
            ),
            "fr": (
                "Peshawar participe à des ateliers régionaux sur la manière dont les collectivités "
                "locales peuvent répondre aux répercussions locales des crises mondiales et "
                "renforcer la résilience des communautés."
            ),
        },
        "priorities": [1, 5],
        "themes": ["global-crises", "incident-response"],
        "status": "member",
    },
    {
        "slug": "colombo",
        "country": "LK",
        "name": {"en": "Colombo", "ar": "كولومبو", "fr": "Colombo"},
        "authority_type": "municipality",
        "population": 560000,
        "lat": 6.9271,
        "lon": 79.8612,
        "member_since": 2019,
        "website": "",
        "summary": {
            "en": (
                "The Colombo Municipal Council promotes inclusive urban services in one of the "
                "country's most diverse cities and has co-hosted a regional workshop of the South "
                "Asia hub."
            ),
            "ar": (
                "يعزّز المجلس البلدي في كولومبو الخدمات الحضرية الشاملة في واحدة من أكثر مدن البلاد "
                "تنوعًا، وشارك في استضافة ورشة عمل إقليمية للمركز الإقليمي لجنوب آسيا."
            ),
            "fr": (
                "Le conseil municipal de Colombo promeut des services urbains inclusifs dans l'une "
                "des villes les plus diverses du pays et a co-organisé un atelier régional du pôle "
                "Asie du Sud."
            ),
        },
        "priorities": [1, 3],
        "themes": ["global-crises", "incident-response"],
        "status": "member",
    },
    {
        "slug": "batticaloa",
        "country": "LK",
        "name": {
            "en": "Batticaloa District",
            "ar": "مقاطعة باتيكالوا",
            "fr": "District de Batticaloa",
        },
        "authority_type": "county_district",
        "population": 530000,
        "lat": 7.7310,
        "lon": 81.6747,
        "member_since": 2019,
        "website": "",
        "summary": {
            "en": (
                "Batticaloa District brings together local authorities and interfaith and youth "
                "groups to support coexistence between its Tamil, Muslim and other communities."
            ),
            "ar": (
                "تجمع مقاطعة باتيكالوا السلطات المحلية ومجموعات الحوار بين الأديان والمجموعات "
                "الشبابية لدعم التعايش بين التاميل والمسلمين وسائر المجتمعات فيها."
            ),
            "fr": (
                "Le district de Batticaloa réunit autorités locales, groupes interconfessionnels et "
                "groupes de jeunes pour soutenir la coexistence entre ses communautés tamoule, "
                "musulmane et autres."
            ),
        },
        "priorities": [1, 4],
        "themes": ["incident-response", "young-cities"],
        "status": "member",
    },
    {
        "slug": "dhaka-north",
        "country": "BD",
        "name": {
            "en": "Dhaka North City Corporation",
            "ar": "مؤسسة مدينة دكا الشمالية",
            "fr": "Municipalité de Dhaka Nord",
        },
        "authority_type": "municipality",
        "population": 6000000,
        "lat": 23.7925,
        "lon": 90.4078,
        "member_since": 2018,
        "website": "https://www.dncc.gov.bd",
        "summary": {
            "en": (
                "Dhaka North City Corporation engages ward councillors, youth volunteers and "
                "community groups in neighbourhood-level initiatives for social harmony."
            ),
            "ar": (
                "تُشرك مؤسسة مدينة دكا الشمالية أعضاء مجالس الدوائر والمتطوعين الشباب والمجموعات "
                "المجتمعية في مبادرات على مستوى الأحياء لتعزيز الوئام الاجتماعي."
            ),
            "fr": (
                "La municipalité de Dhaka Nord associe conseillers de quartier, jeunes bénévoles et "
                "groupes communautaires à des initiatives de proximité en faveur de l'harmonie "
                "sociale."
            ),
        },
        "priorities": [3, 4],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "kathmandu",
        "country": "NP",
        "name": {"en": "Kathmandu", "ar": "كاتماندو", "fr": "Katmandou"},
        "authority_type": "capital",
        "population": 850000,
        "lat": 27.7172,
        "lon": 85.3240,
        "member_since": 2023,
        "website": "https://kathmandu.gov.np",
        "summary": {
            "en": (
                "Kathmandu Metropolitan City is interested in peer learning on inclusive local "
                "governance and on how cities can prevent online and offline hate."
            ),
            "ar": (
                "تهتم مدينة كاتماندو الحضرية بالتعلم بين الأقران في مجال الحوكمة المحلية الشاملة "
                "وبكيفية منع المدن للكراهية عبر الإنترنت وخارجها."
            ),
            "fr": (
                "La ville métropolitaine de Katmandou s'intéresse à l'apprentissage entre pairs sur "
                "la gouvernance locale inclusive et sur la manière dont les villes peuvent prévenir "
                "la haine en ligne et hors ligne."
            ),
        },
        "priorities": [1, 3],
        "themes": ["global-crises"],
        "status": "member",
    },
    {
        "slug": "male",
        "country": "MV",
        "name": {"en": "Malé", "ar": "ماليه", "fr": "Malé"},
        "authority_type": "capital",
        "population": 210000,
        "lat": 4.1755,
        "lon": 73.5093,
        "member_since": 2017,
        "website": "",
        "summary": {
            "en": (
                "Malé City Council focuses on youth engagement and community services in a densely "
                "populated island capital."
            ),
            "ar": (
                "يركّز مجلس مدينة ماليه على إشراك الشباب والخدمات المجتمعية في عاصمة جزرية ذات كثافة "
                "سكانية عالية."
            ),
            "fr": (
                "Le conseil de la ville de Malé met l'accent sur l'engagement des jeunes et les "
                "services de proximité dans une capitale insulaire densément peuplée."
            ),
        },
        "priorities": [4, 2],
        "themes": ["young-cities", "national-local-cooperation"],
        "status": "member",
    },
    # --- Western Balkans ---------------------------------------------------
    {
        "slug": "gostivar",
        "country": "MK",
        "name": {"en": "Gostivar", "ar": "غوستيفار", "fr": "Gostivar"},
        "authority_type": "municipality",
        "population": 60000,
        "lat": 41.7960,
        "lon": 20.9080,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "Gostivar works with schools and youth organisations on inter-ethnic dialogue and "
                "on young people's participation in municipal life."
            ),
            "ar": (
                "تعمل غوستيفار مع المدارس ومنظمات الشباب على الحوار بين المجموعات العرقية ومشاركة "
                "الشباب في الحياة البلدية."
            ),
            "fr": (
                "Gostivar travaille avec les écoles et les organisations de jeunesse sur le dialogue "
                "interethnique et la participation des jeunes à la vie municipale."
            ),
        },
        "priorities": [4, 1],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "mostar",
        "country": "BA",
        "name": {"en": "Mostar", "ar": "موستار", "fr": "Mostar"},
        "authority_type": "municipality",
        "population": 105000,
        "lat": 43.3438,
        "lon": 17.8078,
        "member_since": 2017,
        "website": "",
        "summary": {
            "en": (
                "Mostar supports shared spaces, culture and sport as ways to bring young people from "
                "different communities together."
            ),
            "ar": (
                "تدعم موستار الفضاءات المشتركة والثقافة والرياضة وسائلَ لجمع الشباب من مختلف "
                "المجتمعات."
            ),
            "fr": (
                "Mostar soutient les espaces partagés, la culture et le sport pour rapprocher les "
                "jeunes des différentes communautés."
            ),
        },
        "priorities": [4, 1],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "zenica",
        "country": "BA",
        "name": {"en": "Zenica", "ar": "زينيتسا", "fr": "Zenica"},
        "authority_type": "municipality",
        "population": 110000,
        "lat": 44.2034,
        "lon": 17.9077,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "Zenica coordinates municipal services, social work centres and civil society in a "
                "local safety council that addresses risks to community cohesion."
            ),
            "ar": (
                "تنسّق زينيتسا بين الخدمات البلدية ومراكز العمل الاجتماعي والمجتمع المدني ضمن مجلس "
                "محلي للسلامة يتصدى للمخاطر التي تهدد التماسك المجتمعي."
            ),
            "fr": (
                "Zenica coordonne services municipaux, centres d'action sociale et société civile au "
                "sein d'un conseil local de sécurité qui traite les risques pour la cohésion sociale."
            ),
        },
        "priorities": [2, 3],
        "themes": ["multi-actor-prevention", "national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "pristina",
        "country": "XK",
        "name": {"en": "Pristina", "ar": "بريشتينا", "fr": "Pristina"},
        "authority_type": "capital",
        "population": 225000,
        "lat": 42.6629,
        "lon": 21.1655,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "Pristina works with schools, youth centres and civil society on early prevention "
                "and on supporting the reintegration of returnees and their families."
            ),
            "ar": (
                "تعمل بريشتينا مع المدارس ومراكز الشباب والمجتمع المدني على الوقاية المبكرة ودعم "
                "إعادة إدماج العائدين وأسرهم."
            ),
            "fr": (
                "Pristina travaille avec les écoles, les centres de jeunesse et la société civile sur "
                "la prévention précoce et l'appui à la réintégration des personnes rapatriées et de "
                "leurs familles."
            ),
        },
        "priorities": [2, 3, 4],
        "themes": ["multi-actor-prevention", "national-local-cooperation"],
        "status": "member",
    },
    {
        "slug": "hani-i-elezit",
        "country": "XK",
        "name": {"en": "Hani i Elezit", "ar": "هاني إي إليزيت", "fr": "Hani i Elezit"},
        "authority_type": "small_rural",
        "population": 9000,
        "lat": 42.1497,
        "lon": 21.2967,
        "member_since": 2016,
        "website": "",
        "summary": {
            "en": (
                "Hani i Elezit, one of the smallest municipalities in the region, relies on close "
                "links between the mayor's office, schools and families to spot and address "
                "concerns early."
            ),
            "ar": (
                "تعتمد هاني إي إليزيت، وهي من أصغر البلديات في المنطقة، على الروابط الوثيقة بين "
                "مكتب رئيس البلدية والمدارس والأسر لرصد المخاوف ومعالجتها مبكرًا."
            ),
            "fr": (
                "Hani i Elezit, l'une des plus petites municipalités de la région, s'appuie sur des "
                "liens étroits entre le cabinet du maire, les écoles et les familles pour repérer et "
                "traiter les préoccupations très tôt."
            ),
        },
        "priorities": [1, 3],
        "themes": ["multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "tirana",
        "country": "AL",
        "name": {"en": "Tirana", "ar": "تيرانا", "fr": "Tirana"},
        "authority_type": "capital",
        "population": 600000,
        "lat": 41.3275,
        "lon": 19.8187,
        "member_since": 2017,
        "website": "https://www.tirana.al",
        "summary": {
            "en": (
                "Tirana invests in youth participation, community centres and interfaith dialogue, "
                "drawing on Albania's tradition of religious coexistence."
            ),
            "ar": (
                "تستثمر تيرانا في مشاركة الشباب والمراكز المجتمعية والحوار بين الأديان، مستندةً إلى "
                "تقاليد التعايش الديني في ألبانيا."
            ),
            "fr": (
                "Tirana investit dans la participation des jeunes, les centres communautaires et le "
                "dialogue interreligieux, en s'appuyant sur la tradition albanaise de coexistence "
                "religieuse."
            ),
        },
        "priorities": [4, 5],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "podgorica",
        "country": "ME",
        "name": {"en": "Podgorica", "ar": "بودغوريتسا", "fr": "Podgorica"},
        "authority_type": "capital",
        "population": 180000,
        "lat": 42.4304,
        "lon": 19.2594,
        "member_since": 2018,
        "website": "",
        "summary": {
            "en": (
                "Podgorica is developing a local safety council and exchanges with other "
                "municipalities in the region on multi-actor prevention."
            ),
            "ar": (
                "تعمل بودغوريتسا على تطوير مجلس محلي للسلامة وتبادل الخبرات مع بلديات أخرى في "
                "المنطقة حول الوقاية متعددة الجهات."
            ),
            "fr": (
                "Podgorica met en place un conseil local de sécurité et mène des échanges avec "
                "d'autres municipalités de la région sur la prévention multi-acteurs."
            ),
        },
        "priorities": [1, 3],
        "themes": ["multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "novi-pazar",
        "country": "RS",
        "name": {"en": "Novi Pazar", "ar": "نوفي بازار", "fr": "Novi Pazar"},
        "authority_type": "municipality",
        "population": 107000,
        "lat": 43.1367,
        "lon": 20.5122,
        "member_since": 2017,
        "website": "",
        "summary": {
            "en": (
                "Novi Pazar, a young and multi-faith city, focuses on youth employment, "
                "participation and dialogue with national institutions."
            ),
            "ar": (
                "تركّز نوفي بازار، وهي مدينة فتية متعددة الأديان، على تشغيل الشباب ومشاركتهم "
                "والحوار مع المؤسسات الوطنية."
            ),
            "fr": (
                "Ville jeune et multiconfessionnelle, Novi Pazar met l'accent sur l'emploi et la "
                "participation des jeunes et sur le dialogue avec les institutions nationales."
            ),
        },
        "priorities": [2, 4],
        "themes": ["young-cities", "national-local-cooperation"],
        "status": "member",
    },
    # --- North America -----------------------------------------------------
    {
        "slug": "montgomery-county",
        "country": "US",
        "name": {
            "en": "Montgomery County, Maryland",
            "ar": "مقاطعة مونتغومري، ماريلاند",
            "fr": "Comté de Montgomery (Maryland)",
        },
        "authority_type": "county_district",
        "population": 1060000,
        "lat": 39.0840,
        "lon": -77.1528,
        "member_since": 2017,
        "website": "https://www.montgomerycountymd.gov",
        "summary": {
            "en": (
                "Montgomery County brings county agencies, faith communities and nonprofits together "
                "around early intervention and support for communities targeted by hate."
            ),
            "ar": (
                "تجمع مقاطعة مونتغومري أجهزة المقاطعة والمجتمعات الدينية والمنظمات غير الربحية حول "
                "التدخل المبكر ودعم المجتمعات المستهدفة بالكراهية."
            ),
            "fr": (
                "Le comté de Montgomery réunit services du comté, communautés religieuses et "
                "associations autour de l'intervention précoce et du soutien aux communautés visées "
                "par la haine."
            ),
        },
        "priorities": [3, 2],
        "themes": ["multi-actor-prevention", "incident-response"],
        "status": "member",
    },
    {
        "slug": "montreal",
        "country": "CA",
        "name": {"en": "Montreal", "ar": "مونتريال", "fr": "Montréal"},
        "authority_type": "municipality",
        "population": 1760000,
        "lat": 45.5019,
        "lon": -73.5674,
        "member_since": 2015,
        "website": "https://montreal.ca",
        "summary": {
            "en": (
                "Montreal combines social prevention, support for victims of hate and partnerships "
                "with community organisations and researchers."
            ),
            "ar": (
                "تجمع مونتريال بين الوقاية الاجتماعية ودعم ضحايا الكراهية والشراكات مع المنظمات "
                "المجتمعية والباحثين."
            ),
            "fr": (
                "Montréal associe prévention sociale, soutien aux victimes de la haine et "
                "partenariats avec les organismes communautaires et les chercheurs."
            ),
        },
        "priorities": [1, 3, 5],
        "themes": ["multi-actor-prevention", "global-crises"],
        "status": "member",
    },
    {
        "slug": "toronto",
        "country": "CA",
        "name": {"en": "Toronto", "ar": "تورنتو", "fr": "Toronto"},
        "authority_type": "municipality",
        "population": 2790000,
        "lat": 43.6532,
        "lon": -79.3832,
        "member_since": 2016,
        "website": "https://www.toronto.ca",
        "summary": {
            "en": (
                "Toronto works with community agencies on violence prevention, anti-racism and "
                "support for neighbourhoods after serious incidents."
            ),
            "ar": (
                "تعمل تورنتو مع الهيئات المجتمعية على منع العنف ومكافحة العنصرية ودعم الأحياء بعد "
                "الحوادث الخطيرة."
            ),
            "fr": (
                "Toronto travaille avec les organismes communautaires sur la prévention de la "
                "violence, la lutte contre le racisme et le soutien aux quartiers après des "
                "incidents graves."
            ),
        },
        "priorities": [1, 3],
        "themes": ["incident-response", "global-crises"],
        "status": "member",
    },
    {
        "slug": "calgary",
        "country": "CA",
        "name": {"en": "Calgary", "ar": "كالغاري", "fr": "Calgary"},
        "authority_type": "municipality",
        "population": 1310000,
        "lat": 51.0447,
        "lon": -114.0719,
        "member_since": 2016,
        "website": "https://www.calgary.ca",
        "summary": {
            "en": (
                "Calgary's approach links community partners, police and social services in early "
                "support for people at risk of radicalisation to violence."
            ),
            "ar": (
                "يربط نهج كالغاري بين الشركاء المجتمعيين والشرطة والخدمات الاجتماعية في تقديم دعم "
                "مبكر للأشخاص المعرّضين لخطر التطرف المؤدي إلى العنف."
            ),
            "fr": (
                "L'approche de Calgary relie partenaires communautaires, police et services sociaux "
                "pour apporter un soutien précoce aux personnes exposées à la radicalisation menant "
                "à la violence."
            ),
        },
        "priorities": [3, 2],
        "themes": ["multi-actor-prevention"],
        "status": "member",
    },
    # --- South-East Asia (planned hub) ------------------------------------
    {
        "slug": "surabaya",
        "country": "ID",
        "name": {"en": "Surabaya", "ar": "سورابايا", "fr": "Surabaya"},
        "authority_type": "municipality",
        "population": 2870000,
        "lat": -7.2575,
        "lon": 112.7521,
        "member_since": 2019,
        "website": "https://surabaya.go.id",
        "summary": {
            "en": (
                "Surabaya works through neighbourhood associations, schools and religious leaders to "
                "strengthen community resilience and early warning."
            ),
            "ar": (
                "تعمل سورابايا من خلال جمعيات الأحياء والمدارس والقادة الدينيين على تعزيز قدرة "
                "المجتمع على الصمود والإنذار المبكر."
            ),
            "fr": (
                "Surabaya s'appuie sur les associations de quartier, les écoles et les responsables "
                "religieux pour renforcer la résilience des communautés et l'alerte précoce."
            ),
        },
        "priorities": [3, 4],
        "themes": ["incident-response", "multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "quezon-city",
        "country": "PH",
        "name": {"en": "Quezon City", "ar": "مدينة كيزون", "fr": "Quezon City"},
        "authority_type": "municipality",
        "population": 2960000,
        "lat": 14.6760,
        "lon": 121.0437,
        "member_since": 2021,
        "website": "https://quezoncity.gov.ph",
        "summary": {
            "en": (
                "Quezon City promotes inclusion and youth participation through its barangays and "
                "community programmes."
            ),
            "ar": (
                "تعزّز مدينة كيزون الإدماج ومشاركة الشباب من خلال أحيائها (البارانغاي) وبرامجها "
                "المجتمعية."
            ),
            "fr": (
                "Quezon City promeut l'inclusion et la participation des jeunes à travers ses "
                "barangays et ses programmes communautaires."
            ),
        },
        "priorities": [4, 1],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "kuala-lumpur",
        "country": "MY",
        "name": {"en": "Kuala Lumpur", "ar": "كوالالمبور", "fr": "Kuala Lumpur"},
        "authority_type": "capital",
        "population": 1980000,
        "lat": 3.1390,
        "lon": 101.6869,
        "member_since": 2025,  # prospective: year of first contact (demo)
        "website": "https://www.dbkl.gov.my",
        "summary": {
            "en": (
                "Kuala Lumpur City Hall is considering membership to exchange experience on social "
                "cohesion in a multicultural capital."
            ),
            "ar": (
                "تدرس بلدية كوالالمبور الانضمام إلى الشبكة لتبادل الخبرات في مجال التماسك "
                "الاجتماعي في عاصمة متعددة الثقافات."
            ),
            "fr": (
                "La mairie de Kuala Lumpur envisage d'adhérer au réseau pour échanger sur la "
                "cohésion sociale dans une capitale multiculturelle."
            ),
        },
        "priorities": [1],
        "themes": ["global-crises"],
        "status": "prospective",
    },
    # --- West Africa (planned hub) ----------------------------------------
    {
        "slug": "accra",
        "country": "GH",
        "name": {"en": "Accra", "ar": "أكرا", "fr": "Accra"},
        "authority_type": "capital",
        "population": 285000,
        "lat": 5.6037,
        "lon": -0.1870,
        "member_since": 2022,
        "website": "",
        "summary": {
            "en": (
                "The Accra Metropolitan Assembly works with traditional and religious leaders and "
                "youth groups to sustain peaceful coexistence in the capital."
            ),
            "ar": (
                "تعمل جمعية أكرا الحضرية مع القادة التقليديين والدينيين ومجموعات الشباب للحفاظ على "
                "التعايش السلمي في العاصمة."
            ),
            "fr": (
                "L'Assemblée métropolitaine d'Accra travaille avec les chefs traditionnels et "
                "religieux et les groupes de jeunes pour préserver la coexistence pacifique dans la "
                "capitale."
            ),
        },
        "priorities": [4, 1],
        "themes": ["young-cities"],
        "status": "member",
    },
    {
        "slug": "abuja",
        "country": "NG",
        "name": {
            "en": "Abuja (Federal Capital Territory)",
            "ar": "أبوجا (إقليم العاصمة الاتحادية)",
            "fr": "Abuja (Territoire de la capitale fédérale)",
        },
        "authority_type": "capital",
        "population": 3600000,
        "lat": 9.0765,
        "lon": 7.3986,
        "member_since": 2025,  # prospective: year of first contact (demo)
        "website": "",
        "summary": {
            "en": (
                "The Federal Capital Territory administration has asked about membership to learn "
                "from other capitals on national–local coordination."
            ),
            "ar": (
                "استفسرت إدارة إقليم العاصمة الاتحادية عن العضوية للتعلم من عواصم أخرى في مجال "
                "التنسيق الوطني والمحلي."
            ),
            "fr": (
                "L'administration du Territoire de la capitale fédérale s'est renseignée sur "
                "l'adhésion afin de s'inspirer d'autres capitales en matière de coordination "
                "nationale-locale."
            ),
        },
        "priorities": [2],
        "themes": ["national-local-cooperation"],
        "status": "prospective",
    },
    {
        "slug": "dakar",
        "country": "SN",
        "name": {"en": "Dakar", "ar": "داكار", "fr": "Dakar"},
        "authority_type": "capital",
        "population": 1200000,
        "lat": 14.7167,
        "lon": -17.4677,
        "member_since": 2019,
        "website": "",
        "summary": {
            "en": (
                "The City of Dakar supports youth and women's associations and dialogue with "
                "religious brotherhoods as part of its approach to social cohesion."
            ),
            "ar": (
                "تدعم مدينة داكار جمعيات الشباب والنساء والحوار مع الطرق الصوفية في إطار نهجها "
                "لتعزيز التماسك الاجتماعي."
            ),
            "fr": (
                "La Ville de Dakar soutient les associations de jeunes et de femmes et le dialogue "
                "avec les confréries religieuses dans le cadre de son approche de la cohésion "
                "sociale."
            ),
        },
        "priorities": [4, 1],
        "themes": ["young-cities", "global-crises"],
        "status": "member",
    },
    # --- Europe and Oceania (outside any hub) -----------------------------
    {
        "slug": "strasbourg",
        "country": "FR",
        "name": {"en": "Strasbourg", "ar": "ستراسبورغ", "fr": "Strasbourg"},
        "authority_type": "municipality",
        "population": 290000,
        "lat": 48.5734,
        "lon": 7.7521,
        "member_since": 2016,
        "website": "https://www.strasbourg.eu",
        "summary": {
            "en": (
                "Strasbourg links its local security and prevention council with intercultural and "
                "interfaith dialogue programmes."
            ),
            "ar": (
                "تربط ستراسبورغ مجلسها المحلي للأمن والوقاية ببرامج الحوار بين الثقافات والأديان."
            ),
            "fr": (
                "Strasbourg relie son conseil local de sécurité et de prévention à des programmes de "
                "dialogue interculturel et interreligieux."
            ),
        },
        "priorities": [1, 3],
        "themes": ["multi-actor-prevention"],
        "status": "member",  # demo setting only, to exercise the status filter
    },
    {
        "slug": "mechelen",
        "country": "BE",
        "name": {"en": "Mechelen", "ar": "ميخلن", "fr": "Malines"},
        "authority_type": "municipality",
        "population": 88000,
        "lat": 51.0259,
        "lon": 4.4776,
        "member_since": 2015,
        "website": "https://www.mechelen.be",
        "summary": {
            "en": (
                "Mechelen is known for an inclusive approach that combines urban renewal, social "
                "mixing in schools and sport, and close contact between city workers and residents."
            ),
            "ar": (
                "تُعرف ميخلن بنهج شامل يجمع بين التجديد الحضري والاختلاط الاجتماعي في المدارس "
                "والرياضة والتواصل الوثيق بين موظفي المدينة والسكان."
            ),
            "fr": (
                "Malines est connue pour une approche inclusive qui associe rénovation urbaine, "
                "mixité sociale à l'école et dans le sport, et proximité entre agents municipaux et "
                "habitants."
            ),
        },
        "priorities": [1, 5],
        "themes": ["multi-actor-prevention", "young-cities"],
        "status": "member",
    },
    {
        "slug": "vilvoorde",
        "country": "BE",
        "name": {"en": "Vilvoorde", "ar": "فيلفورده", "fr": "Vilvorde"},
        "authority_type": "municipality",
        "population": 45000,
        "lat": 50.9281,
        "lon": 4.4245,
        "member_since": 2015,
        "website": "https://www.vilvoorde.be",
        "summary": {
            "en": (
                "Vilvoorde relies on youth workers, family support and local case consultations to "
                "prevent radicalisation and to keep young people connected to their city."
            ),
            "ar": (
                "تعتمد فيلفورده على العاملين مع الشباب ودعم الأسر والتشاور المحلي حول الحالات لمنع "
                "التطرف والحفاظ على ارتباط الشباب بمدينتهم."
            ),
            "fr": (
                "Vilvorde s'appuie sur les animateurs jeunesse, le soutien aux familles et les "
                "concertations locales de cas pour prévenir la radicalisation et maintenir le lien "
                "entre les jeunes et leur ville."
            ),
        },
        "priorities": [3, 4],
        "themes": ["multi-actor-prevention", "young-cities"],
        "status": "member",
    },
    {
        "slug": "aarhus",
        "country": "DK",
        "name": {"en": "Aarhus", "ar": "آرهوس", "fr": "Aarhus"},
        "authority_type": "municipality",
        "population": 365000,
        "lat": 56.1629,
        "lon": 10.2039,
        "member_since": 2015,
        "website": "https://www.aarhus.dk",
        "summary": {
            "en": (
                "Aarhus's long-standing cooperation between schools, social services and police "
                "offers mentoring and exit support to young people at risk."
            ),
            "ar": (
                "يقدّم التعاون الراسخ في آرهوس بين المدارس والخدمات الاجتماعية والشرطة الإرشادَ "
                "ودعمَ الخروج للشباب المعرّضين للخطر."
            ),
            "fr": (
                "À Aarhus, une coopération de longue date entre écoles, services sociaux et police "
                "offre mentorat et accompagnement à la sortie aux jeunes à risque."
            ),
        },
        "priorities": [3, 1],
        "themes": ["multi-actor-prevention"],
        "status": "member",
    },
    {
        "slug": "helsinki",
        "country": "FI",
        "name": {"en": "Helsinki", "ar": "هلسنكي", "fr": "Helsinki"},
        "authority_type": "capital",
        "population": 675000,
        "lat": 60.1699,
        "lon": 24.9384,
        "member_since": 2018,
        "website": "https://www.hel.fi",
        "summary": {
            "en": (
                "Helsinki builds prevention into youth, education and social services and hosted a "
                "workshop of the Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "تُدمج هلسنكي الوقاية في خدمات الشباب والتعليم والخدمات الاجتماعية، واستضافت ورشة "
                "عمل ضمن مبادرة الحوار عبر الأطلسي."
            ),
            "fr": (
                "Helsinki intègre la prévention dans ses services de jeunesse, d'éducation et "
                "d'action sociale et a accueilli un atelier de l'Initiative de dialogue "
                "transatlantique."
            ),
        },
        "priorities": [1, 4],
        "themes": ["transatlantic-dialogue", "young-cities"],
        "status": "member",
    },
    {
        "slug": "bratislava",
        "country": "SK",
        "name": {"en": "Bratislava", "ar": "براتيسلافا", "fr": "Bratislava"},
        "authority_type": "capital",
        "population": 475000,
        "lat": 48.1486,
        "lon": 17.1077,
        "member_since": 2021,
        "website": "https://bratislava.sk",
        "summary": {
            "en": (
                "Bratislava focuses on countering hate against minorities and protecting local "
                "democracy, and hosted a workshop of the Transatlantic Dialogue Initiative."
            ),
            "ar": (
                "تركّز براتيسلافا على مكافحة الكراهية ضد الأقليات وحماية الديمقراطية المحلية، "
                "واستضافت ورشة عمل ضمن مبادرة الحوار عبر الأطلسي."
            ),
            "fr": (
                "Bratislava s'attache à combattre la haine envers les minorités et à protéger la "
                "démocratie locale, et a accueilli un atelier de l'Initiative de dialogue "
                "transatlantique."
            ),
        },
        "priorities": [1, 5],
        "themes": ["transatlantic-dialogue", "incident-response"],
        "status": "member",
    },
    {
        "slug": "christchurch",
        "country": "NZ",
        "name": {"en": "Christchurch", "ar": "كرايستشيرش", "fr": "Christchurch"},
        "authority_type": "municipality",
        "population": 390000,
        "lat": -43.5321,
        "lon": 172.6362,
        "member_since": 2020,
        "website": "https://ccc.govt.nz",
        "summary": {
            "en": (
                "Christchurch focuses on social cohesion, long-term community recovery and support "
                "for faith and ethnic communities."
            ),
            "ar": (
                "تركّز كرايستشيرش على التماسك الاجتماعي والتعافي المجتمعي على المدى الطويل ودعم "
                "المجتمعات الدينية والعرقية."
            ),
            "fr": (
                "Christchurch met l'accent sur la cohésion sociale, le rétablissement des "
                "communautés sur le long terme et le soutien aux communautés religieuses et "
                "ethniques."
            ),
        },
        "priorities": [1, 3],
        "themes": ["incident-response"],
        "status": "member",
    },
]


# ---------------------------------------------------------------------------
# Demo accounts: all people are fictional
# ---------------------------------------------------------------------------

PEOPLE = [
    {
        "role": "administrator",
        "email": "admin@demo.strongcities.example",
        "display_name": "Demo Administrator (fictional)",
        "preferred_language": "en",
        "job_title": {
            "en": "Portal administrator",
            "ar": "مسؤول إدارة البوابة",
            "fr": "Administrateur du portail",
        },
    },
    {
        "role": "management_unit",
        "email": "mu@demo.strongcities.example",
        "display_name": "Sam Exampleton (fictional)",
        "preferred_language": "en",
        "job_title": {
            "en": "Membership and Engagement Officer, Management Unit",
            "ar": "مسؤول العضوية والمشاركة، وحدة إدارة المدن القوية",
            "fr": "Chargé de l'adhésion et de l'engagement, Unité de gestion",
        },
    },
    {
        "role": "hub_staff",
        "hub": "east-southern-africa",
        "hub_role": "lead",
        "email": "hub.esa@demo.strongcities.example",
        "display_name": "Amani Sample (fictional)",
        "preferred_language": "en",
        "job_title": {
            "en": "Hub Lead, East and Southern Africa",
            "ar": "رئيس المركز الإقليمي لشرق وجنوب أفريقيا",
            "fr": "Responsable du pôle régional Afrique de l'Est et australe",
        },
    },
    {
        "role": "hub_staff",
        "hub": "mena",
        "hub_role": "expert",
        "email": "hub.mena@demo.strongcities.example",
        "display_name": "Layla Example (fictional)",
        "preferred_language": "ar",
        "job_title": {
            "en": "Regional Expert, Middle East and North Africa",
            "ar": "خبيرة إقليمية، المركز الإقليمي للشرق الأوسط وشمال أفريقيا",
            "fr": "Experte régionale, pôle régional Moyen-Orient et Afrique du Nord",
        },
    },
    {
        "role": "focal_point",
        "city": "ZA/cape-town",
        "email": "focal.capetown@demo.strongcities.example",
        "display_name": "Thandi Testcase (fictional)",
        "preferred_language": "en",
        "job_title": {
            "en": "Strong Cities focal point, Safety and Security",
            "ar": "جهة الاتصال لشبكة المدن القوية، السلامة والأمن",
            "fr": "Point focal Strong Cities, Sûreté et sécurité",
        },
    },
    {
        "role": "focal_point",
        "city": "JO/amman",
        "email": "focal.amman@demo.strongcities.example",
        "display_name": "Omar Demo (fictional)",
        "preferred_language": "ar",
        "job_title": {
            "en": "Strong Cities focal point, Greater Amman Municipality",
            "ar": "جهة الاتصال لشبكة المدن القوية، أمانة عمّان الكبرى",
            "fr": "Point focal Strong Cities, Municipalité du Grand Amman",
        },
    },
    {
        "role": "focal_point",
        "city": "MA/rabat",
        "email": "focal.rabat@demo.strongcities.example",
        "display_name": "Salma Exemple (fictional)",
        "preferred_language": "fr",
        "job_title": {
            "en": "Strong Cities focal point, Commune of Rabat",
            "ar": "جهة الاتصال لشبكة المدن القوية، جماعة الرباط",
            "fr": "Point focal Strong Cities, Commune de Rabat",
        },
    },
    {
        "role": "committee_member",
        "city": "MK/kumanovo",
        "email": "committee@demo.strongcities.example",
        "display_name": "Petar Primer (fictional)",
        "preferred_language": "en",
        "job_title": {
            "en": "Demo member of the International Steering Committee",
            "ar": "عضو تجريبي في اللجنة التوجيهية الدولية",
            "fr": "Membre fictif du Comité directeur international",
        },
    },
]


# ---------------------------------------------------------------------------
# Self-checks
# ---------------------------------------------------------------------------

_LANGS = ("ar", "en", "fr")
_AUTHORITY_TYPES = {
    "capital",
    "municipality",
    "small_rural",
    "county_district",
    "region",
    "province_state",
}
_THEMES = {
    "global-crises",
    "transatlantic-dialogue",
    "incident-response",
    "national-local-cooperation",
    "multi-actor-prevention",
    "young-cities",
}


def _check_text(value, where):
    assert isinstance(value, dict), f"{where}: not a text dict"
    assert set(value) == set(_LANGS), f"{where}: keys {sorted(value)}"
    for lang in _LANGS:
        assert isinstance(value[lang], str) and value[lang].strip(), f"{where}: empty {lang}"


assert len(HUBS) == 7, "there must be 7 hubs"
assert len({h["slug"] for h in HUBS}) == 7
_hub_of_country = {}
for _hub in HUBS:
    _check_text(_hub["name"], f"hub {_hub['slug']} name")
    _check_text(_hub["description"], f"hub {_hub['slug']} description")
    assert _hub["status"] in {"active", "launching", "planned"}
    assert (_hub["launched_year"] is None) == (_hub["status"] == "planned")
    assert _hub["contact_email"] == f"{_hub['slug']}@hubs.example.org"
    for _code in _hub["countries"]:
        assert len(_code) == 2 and _code.isupper(), _code
        assert _code not in _hub_of_country, f"{_code} is in two hubs"
        _hub_of_country[_code] = _hub["slug"]

assert len(CITIES) >= 44, "at least 44 cities"
_keys = [(c["country"], c["slug"]) for c in CITIES]
assert len(_keys) == len(set(_keys)), "duplicate (country, slug)"
_cities_per_hub = {h["slug"]: 0 for h in HUBS}
for _c in CITIES:
    _where = f"city {_c['country']}/{_c['slug']}"
    _check_text(_c["name"], _where + " name")
    _check_text(_c["summary"], _where + " summary")
    assert _c["slug"].isascii() and _c["slug"] == _c["slug"].lower() and " " not in _c["slug"]
    assert _c["authority_type"] in _AUTHORITY_TYPES, _where
    assert isinstance(_c["population"], int) and _c["population"] > 0, _where
    assert -90 <= _c["lat"] <= 90 and -180 <= _c["lon"] <= 180, _where
    assert 2015 <= _c["member_since"] <= 2025, _where
    assert _c["website"] == "" or _c["website"].startswith("https://"), _where
    assert _c["priorities"] and set(_c["priorities"]) <= {1, 2, 3, 4, 5}, _where
    assert _c["themes"] and set(_c["themes"]) <= _THEMES, _where
    assert _c["status"] in {"member", "prospective", "suspended"}, _where
    if _c["country"] in _hub_of_country:
        _cities_per_hub[_hub_of_country[_c["country"]]] += 1
assert all(_cities_per_hub.values()), f"hub without cities: {_cities_per_hub}"
assert sum(c["status"] == "prospective" for c in CITIES) == 2
assert sum(c["status"] == "suspended" for c in CITIES) == 0  # no real city is shown as suspended
assert sum(c["authority_type"] == "small_rural" for c in CITIES) >= 2

_city_keys = {f"{c['country']}/{c['slug']}" for c in CITIES}
_hub_slugs = {h["slug"] for h in HUBS}
assert len({p["email"] for p in PEOPLE}) == len(PEOPLE)
for _p in PEOPLE:
    _check_text(_p["job_title"], f"person {_p['email']} job_title")
    assert _p["display_name"].endswith("(fictional)"), _p["email"]
    assert _p["preferred_language"] in _LANGS
    if _p["role"] in {"focal_point", "committee_member"}:
        assert _p["city"] in _city_keys, _p["city"]
    if _p["role"] == "hub_staff":
        assert _p["hub"] in _hub_slugs and _p["hub_role"] in {"lead", "expert"}

del _hub, _code, _c, _where, _p, _keys


if __name__ == "__main__":
    print(f"{len(HUBS)} hubs, {len(CITIES)} cities, {len(PEOPLE)} people: OK")
    print("cities per hub:", _cities_per_hub)
