"""Text normalisation shared by indexing, querying and highlighting.

PostgreSQL's `arabic` configuration stems well but keeps the conjunction و and
the prefixes فال/وال/كال, ignores diacritics only partly and has no stop words; the
`french` configuration keeps accents. We normalise the text in Python *before* it
reaches `to_tsvector` (stored vectors) and the query *before* `websearch_to_tsquery`,
so both sides see the same forms. The same functions drive the result highlighting,
which therefore also works on SQLite.
"""

from __future__ import annotations

import re
import unicodedata

LANGUAGES = ("ar", "en", "fr")
CONFIGS = {"ar": "arabic", "en": "english", "fr": "french"}

TOKEN = re.compile(r"\w+", re.UNICODE)
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTERS = re.compile("[\u0600-\u06ff]")
# Conjunction/preposition + article: "والمدن" -> "المدن", which the stemmer handles.
ARABIC_PREFIX = re.compile(r"^(?:و|ف|ك)(?=ال)|^(?:وب|ول|فب|فل)(?=ال)")

# Short function words that the arabic configuration would otherwise index and match.
ARABIC_STOP_WORDS = frozenset(
    [
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "مع",
        "و",
        "أو",
        "او",
        "ثم",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "التي",
        "الذي",
        "الذين",
        "التى",
        "ما",
        "لا",
        "لم",
        "لن",
        "قد",
        "كان",
        "كانت",
        "هو",
        "هي",
        "هم",
        "نحن",
        "أن",
        "ان",
        "إن",
        "كل",
        "بين",
        "عند",
        "حتى",
        "أي",
        "اي",
        "بعد",
        "قبل",
        "كما",
        "لكن",
        "غير",
        "لها",
        "له",
    ]
)
# The english/french configurations drop their own stop words; these few are not in
# them or matter for highlighting.
LATIN_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "how",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "what",
        "with",
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "de",
        "d",
        "et",
        "ou",
        "en",
        "au",
        "aux",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "est",
        "qui",
        "que",
        "quoi",
        "comment",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cette",
        "ces",
    ]
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_token(token: str) -> str:
    """One comparable form of a word: lower case, no accents or Arabic marks."""
    token = token.lower()
    if ARABIC_LETTERS.search(token):
        token = ARABIC_MARKS.sub("", token)
        token = token.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ى", "ي")
        token = ARABIC_PREFIX.sub("", token)
        return token
    return strip_accents(token)


def normalise_text(text: str | None) -> str:
    """Text as indexed: every word normalised, punctuation dropped."""
    if not text:
        return ""
    return " ".join(normalise_token(t) for t in TOKEN.findall(strip_tags(text)))


def query_terms(query: str, limit: int = 12) -> list[str]:
    """The words of a visitor's query worth searching for, normalised, de-duplicated."""
    terms: list[str] = []
    for raw in TOKEN.findall(query or ""):
        term = normalise_token(raw)
        if len(term) < 2 or term in ARABIC_STOP_WORDS or term in LATIN_STOP_WORDS:
            continue
        if term not in terms:
            terms.append(term)
    return terms[:limit]


def any_word_query(terms: list[str]) -> str:
    """websearch_to_tsquery syntax for "any of these words" (never raises on input)."""
    return " or ".join(terms)


TAG = re.compile(r"<[^>]*>")


def strip_tags(text: str) -> str:
    return TAG.sub(" ", text)


LATIN_SUFFIXES = ("ements", "ement", "ations", "ation", "ing", "ies", "es", "s", "e")
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ها", "ة", "ه")
ARABIC_ARTICLES = ("بال", "لل", "ال")


def _word_key(word: str) -> str:
    """A document word, normalised and without the Arabic article."""
    word = normalise_token(word)
    if ARABIC_LETTERS.search(word):
        for article in ARABIC_ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= 2:
                return word[len(article) :]
    return word


def _stem(term: str) -> str:
    """A light stem of a query term: words that start with it are marked as matches."""
    term = _word_key(term)
    suffixes = ARABIC_SUFFIXES if ARABIC_LETTERS.search(term) else LATIN_SUFFIXES
    for suffix in suffixes:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            return term[: -len(suffix)]
    return term


def highlight(
    text: str | None, terms: list[str], *, length: int = 260, is_html: bool = False
) -> tuple[str, bool]:
    """An HTML-escaped excerpt of `text` around the first match, matches in <mark>.

    Returns (html, matched). Escaping happens here, so the result is safe to mark safe.
    """
    from django.utils.html import escape

    text = text or ""
    plain = " ".join((strip_tags(text) if is_html else text).split())
    if not plain:
        return "", False
    stems = tuple({_stem(t) for t in terms if t})
    matches = [m for m in TOKEN.finditer(plain) if stems and _word_key(m.group()).startswith(stems)]
    start = 0
    if matches and matches[0].start() > length // 3:
        start = plain.rfind(" ", 0, matches[0].start() - length // 3) + 1
    end = min(len(plain), start + length)
    if end < len(plain):
        end = plain.rfind(" ", start, end) if plain.rfind(" ", start, end) > start else end
    out, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        out.append(escape(plain[cursor : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    out.append(escape(plain[cursor:end]))
    html = ("… " if start else "") + "".join(out) + (" …" if end < len(plain) else "")
    return html, bool(matches)
