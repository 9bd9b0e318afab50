"""Arabic words brought to one form before PostgreSQL's `arabic` configuration sees them.

The `arabic` snowball stemmer alone joins few of the forms people type: measured on
42 word families of the network's vocabulary it joins 9. It has no stop words; it keeps
و/ف before the article (والشباب stays whole); without the article it takes a leading
و, ب, س or ل for a prefix (وزارة -> زار but الوزارة -> وزار; سياسات -> ياسا but
السياسات -> سياس; برامج -> رامج); it keeps the article on short words (الخطة -> الخط
but خطة -> خطة); and it never joins a broken plural with its singular (المدن / مدينة,
المدارس / مدرسة, رؤساء / رئيس).

So every Arabic word is reduced here to a core (marks and letter variants unified,
conjunction and article or preposition+article removed, a possessive ending removed,
a broken plural replaced by its singular) and given the article back: the stemmer then
always sees a noun with its article, the case it handles best, and every form of a
family reaches it as the same string. The same function runs on stored text and on
queries, so it only has to be consistent, not linguistically exact. With it, 41 of
the 42 families join (tests/resources/test_search_relevance.py measures recall).
"""

from __future__ import annotations

import re

MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
LETTERS = re.compile("[\u0600-\u06ff]")
LETTER_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي"})
# Conjunction (و, ف) + preposition (ب, ك, ل) + article, as one prefix: والمدن, بالمدينة,
# للمدينة (ل + ال), فالشباب.
ARTICLE = re.compile(r"^[وف]?(?:بال|كال|لل|ال)")
# Possessive endings (our, her, their, your): مدينتنا, سياساتها, مدارسهم.
PRONOUN_ENDINGS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها")


def unify(word: str) -> str:
    """Lower case, no diacritics or tatweel, one alef and one final yeh."""
    return MARKS.sub("", word.lower()).translate(LETTER_FORMS)


# Broken plurals of the network's vocabulary and their singulars (what the stemmer joins
# for sound plurals, -ات/-ون/-ين, it does by itself once the article is there).
_BROKEN_PLURALS = """
مدن مدينة        مدارس مدرسة      رؤساء رئيس       شبان شباب        شاب شباب
شابة شباب        شابات شباب       أطفال طفل        نساء مرأة        امرأة مرأة
دول دولة         مناطق منطقة      برامج برنامج     مشاريع مشروع     مجالس مجلس
مراكز مركز       قادة قائد        أعضاء عضو        خطط خطة          دروس درس
أسر أسرة         تجارب تجربة      أدلة دليل        وسائل وسيلة      أدوات أداة
شركاء شريك       حقوق حق          مبادئ مبدأ       أنشطة نشاط       أهداف هدف
نتائج نتيجة      مخاطر خطر        ضحايا ضحية       حوادث حادث       هجمات هجوم
مساجد مسجد       كنائس كنيسة      أديان دين        طوائف طائفة      بلدان بلد
أئمة إمام        قضايا قضية       أساليب أسلوب     مناهج منهج       أفكار فكرة
آراء رأي         أسباب سبب        عوامل عامل       جهود جهد         ورش ورشة
أخبار خبر        وثائق وثيقة      تقارير تقرير     موارد مورد       مراحل مرحلة
أعوام عام        أجيال جيل        أشخاص شخص        أفراد فرد        سكان ساكن
شعوب شعب         أعمال عمل        وظائف وظيفة      فرص فرصة         قوانين قانون
أحزاب حزب        أحياء حي         قيم قيمة         مخاوف خوف        حلول حل
رسائل رسالة      وسطاء وسيط       مشاكل مشكلة      أسواق سوق        مكاتب مكتب
جيران جار
"""


def _pairs(table: str) -> dict[str, str]:
    words = [unify(word) for word in table.split()]
    return dict(zip(words[::2], words[1::2], strict=True))


BROKEN_PLURALS = _pairs(_BROKEN_PLURALS)

# Function words: dropped from queries (they would match every resource) and from the
# stored text (nobody searches for them).
_STOP_WORDS = """
في من على إلى الى عن مع و أو او ثم هذا هذه ذلك تلك التي الذي الذين التى ما لا لم لن
قد كان كانت هو هي هم نحن أن ان إن كل بين عند حتى أي اي بعد قبل كما لكن غير لها له
كيف ماذا متى أين هل عبر حول دون ضد ليس بل إذا اذا عندما أيضا ايضا فقط
"""
STOP_WORDS = frozenset(unify(word) for word in _STOP_WORDS.split())


def is_arabic(word: str) -> bool:
    return bool(LETTERS.search(word))


def core(word: str) -> str:
    """The form shared by a word family, without the article (see the module's doc)."""
    word = unify(word)
    article = ARTICLE.match(word)
    if article and len(word) - article.end() >= 2:
        word = word[article.end() :]
    if word in BROKEN_PLURALS:
        return BROKEN_PLURALS[word]
    for ending in PRONOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            # ة is written ت before an ending: مدينتنا -> مدينت -> مدينة
            if word.endswith("ت") and not word.endswith("ات"):
                word = word[:-1] + "ة"
            break
    return BROKEN_PLURALS.get(word, word)


def normalise(word: str) -> str:
    """What the `arabic` configuration is given: the core with the article."""
    return "ال" + core(word)
