"""Text normalisation shared by indexing, querying and highlighting.

Words are brought to one comparable form in Python *before* they reach `to_tsvector`
(stored vectors) and `websearch_to_tsquery` (queries), so both sides see the same
forms: Arabic words as resources/arabic.py explains (PostgreSQL's `arabic` stemmer alone
joins few of the forms people type), French and English words without accents. The
same functions drive the result highlighting, which therefore also works on SQLite.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from resources import arabic

LANGUAGES = ("ar", "en", "fr")
CONFIGS = {"ar": "arabic", "en": "english", "fr": "french"}

TOKEN = re.compile(r"\w+", re.UNICODE)
ARABIC_LETTERS = arabic.LETTERS
ARABIC_STOP_WORDS = arabic.STOP_WORDS
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
    """One comparable form of a word: lower case, no accents; Arabic as arabic.normalise."""
    if ARABIC_LETTERS.search(token):
        return arabic.normalise(token)
    return strip_accents(token.lower())


def is_stop_word(token: str) -> bool:
    if ARABIC_LETTERS.search(token):
        return arabic.unify(token) in ARABIC_STOP_WORDS
    return strip_accents(token.lower()) in LATIN_STOP_WORDS


def normalise_text(text: str | None) -> str:
    """Text as indexed: every word normalised, punctuation and Arabic function words
    dropped (the `arabic` configuration has no stop words of its own)."""
    if not text:
        return ""
    return " ".join(
        normalise_token(t)
        for t in TOKEN.findall(strip_tags(text))
        if not (ARABIC_LETTERS.search(t) and arabic.unify(t) in ARABIC_STOP_WORDS)
    )


def query_terms(query: str, limit: int = 12) -> list[str]:
    """The words of a visitor's query worth searching for, normalised, de-duplicated."""
    terms: list[str] = []
    for raw in TOKEN.findall(query or ""):
        if len(raw) < 2 or is_stop_word(raw):
            continue
        term = normalise_token(raw)
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
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ية", "ها", "ة", "ه", "ي")


# Kept per process: highlighting a page of results asks for every word of 20 summaries,
# and a library's words repeat (pure function of the word; a few MB at most).
@lru_cache(maxsize=20_000)
def _word_key(word: str) -> str:
    """A document word, normalised; Arabic as its core (without the article)."""
    if ARABIC_LETTERS.search(word):
        return arabic.core(word)
    return strip_accents(word.lower())


def match_stem(term: str) -> str:
    """A light stem of a query term: words whose key starts with it are marked."""
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
    stems = tuple({match_stem(t) for t in terms if t})
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
