"""Words out of text that has no spaces between them.

The same code turns a page's text into index terms and a visitor's query into search terms,
so both sides always agree:

* Everything is NFC-normalised, full-width Ａ１ become A1, and case-folded; Latin letters lose
  their diacritics (``đọc sách`` and ``doc sach`` are the same words) and traditional Chinese
  characters become simplified ones (``圖書館`` finds ``图书馆``), both with ICU.
* Text is cut into runs of letters and digits of one script; everything else (spaces,
  punctuation, symbols, emoji) separates runs.
* A Chinese run is indexed as its single characters and overlapping pairs (the CJK bigram
  scheme of Lucene's CJK analyzer). A query word of two or more characters asks for its pairs,
  so ``图书`` is found inside ``图书馆`` however a dictionary would cut the sentence.
* A Thai, Lao, Khmer or Burmese run is cut into words by ICU's dictionary BreakIterator.
  Query words match as prefixes: the dictionary keeps some compounds whole (Khmer
  ``និទានរឿង``, storytelling), and in these languages a compound starts with its head
  (``និទាន``, tale), so the head finds the compound.
* A Latin (or other) run is one word. Query words of four letters or more match as prefixes,
  so ``lecture`` finds ``lectures``.
* Query words that are stop-words of their script or of the visitor's language are dropped,
  unless nothing else is left.
"""

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import icu
from django.utils.html import escape
from django.utils.safestring import mark_safe

HAN, COMPLEX, OTHER = "han", "complex", "other"

#: Longer queries are refused by the search form before they get here.
MAX_QUERY_LENGTH = 200
#: A query asks for at most this many terms (each term is one more condition in the SQL).
MAX_QUERY_TERMS = 16
#: Longer "words" are noise (URLs without punctuation, base64 …) and are not indexed.
MAX_TOKEN_LENGTH = 60
#: Latin query words this long or longer match as prefixes.
PREFIX_MIN_LENGTH = 4
#: Thai, Lao, Khmer and Burmese query words this long or longer (in code points) match as
#: prefixes; a lone letter would match half the index.
COMPLEX_PREFIX_MIN_LENGTH = 2

ZERO_WIDTH_SPACE = "\u200b"


# Stop-words are dropped from queries only (never from the index), so a query made only of
# them still works. Chinese, Thai, Lao, Khmer and Burmese ones are told apart by script;
# Latin ones depend on the visitor's language (``di`` is "at" in Indonesian but "go" in
# Vietnamese), already folded (no diacritics).
def _words(text):
    return frozenset(text.split())


SCRIPT_STOP_WORDS = _words(
    "的 了 和 与 及 或 在 是 之 也 把 被 对 等 着 过 吗 呢 吧 啊 从 向 于 其 而 以 这 那 个 "
    "ที่ และ ของ ใน กับ จะ ได้ ให้ เป็น มี การ ความ ซึ่ง หรือ แต่ โดย จาก "
    "ແລະ ຂອງ ໃນ ທີ່ ກັບ ໄດ້ ເປັນ ມີ ການ "
    "និង នៃ ក្នុង ដែល ជា មាន បាន ការ "
    "နှင့် ၏ တွင် သည် ကို များ"
)
LATIN_STOP_WORDS = {
    "en": _words(
        "a an and are as at be by for from how in into is it its of on or the to was what "
        "when where which who why with"
    ),
    "vi": _words("va cua la cac nhung cho voi mot nay thi"),
    "id": _words(
        "yang dan di ke dari untuk dengan ini itu pada dalam atau adalah bagi oleh tentang "
        "akan juga sebagai kepada"
    ),
    "ms": _words(
        "yang dan di ke dari untuk dengan ini itu pada dalam atau adalah bagi oleh tentang "
        "mengenai akan juga sebagai kepada"
    ),
    "fil": _words("ang ng sa at mga na ay ni si para kay o"),
}

_LATIN_LETTERS = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"}

_local = threading.local()  # ICU transliterators and break iterators are not thread-safe


def _icu(name):
    objects = getattr(_local, "objects", None)
    if objects is None:
        objects = _local.objects = {
            "simplify": icu.Transliterator.createInstance("Traditional-Simplified"),
            "words": icu.BreakIterator.createWordInstance(icu.Locale.getRoot()),
        }
    return objects[name]


def script_of(char):
    """HAN, COMPLEX (Thai, Lao, Khmer, Burmese), OTHER, or None for a separator (and for
    a combining mark outside those scripts, which belongs to the letter before it)."""
    category = unicodedata.category(char)
    if category[0] not in "LMN":
        return None
    code = ord(char)
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or code == 0x3007
    ):
        return HAN
    if (
        0x0E00 <= code <= 0x0EFF  # Thai, Lao
        or 0x1000 <= code <= 0x109F  # Myanmar
        or 0xA9E0 <= code <= 0xA9FF
        or 0xAA60 <= code <= 0xAA7F
        or 0x1780 <= code <= 0x17FF  # Khmer
        or 0x19E0 <= code <= 0x19FF
    ):
        return COMPLEX
    return None if category[0] == "M" else OTHER


def _fold_latin(word):
    decomposed = unicodedata.normalize("NFD", word)
    out = []
    for char in decomposed:
        if unicodedata.category(char) == "Mn":
            continue
        out.append(_LATIN_LETTERS.get(char, char))
    return "".join(out)


def simplify(text):
    """Traditional Chinese characters → simplified ones (other text is left alone)."""
    return _icu("simplify").transliterate(text)


def _is_variation_selector(char):
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _widen(char):
    code = ord(char)
    if 0xFF00 <= code <= 0xFFEF or 0xFB00 <= code <= 0xFB06:  # full/half-width forms, ligatures
        return unicodedata.normalize("NFKC", char)
    return char


def runs(text):
    """[(script, run)] of normalised text: letters and digits of one script at a time."""
    # NFC, not NFKC: NFKC would take apart Lao ໝ and ໜ, which ICU's dictionary knows whole.
    text = "".join(_widen(char) for char in unicodedata.normalize("NFC", text)).casefold()
    result = []
    current, current_script = [], None
    for char in text:
        if char == ZERO_WIDTH_SPACE:
            script = None
        elif unicodedata.category(char) == "Cf" or _is_variation_selector(char):
            continue  # joiners, soft hyphens, glyph variants don't separate words
        else:
            script = script_of(char)
            if script is None and unicodedata.category(char) == "Mn" and current:
                script = current_script  # a stray mark stays with its letters
        if script != current_script and current:
            result.append((current_script, "".join(current)))
            current = []
        current_script = script
        if script is not None:
            current.append(char)
    if current:
        result.append((current_script, "".join(current)))
    out = []
    for script, run in result:
        if script == HAN:
            out.append((HAN, simplify(run)))
        elif script == OTHER:
            folded = _fold_latin(run)
            if folded:
                out.append((OTHER, folded))
        else:
            out.append((script, run))
    return out


def dictionary_words(run):
    """ICU's word segmentation of one run (dictionaries for zh, th, lo, km, my)."""
    breaker = _icu("words")
    breaker.setText(run)
    # ICU's offsets count UTF-16 code units: a character beyond the Basic Multilingual
    # Plane (rare Han characters) counts two.
    index, offsets = 0, {}
    for position, char in enumerate(run):
        offsets[index] = position
        index += 2 if ord(char) > 0xFFFF else 1
    offsets[index] = len(run)
    words, start = [], 0
    for boundary in breaker:
        end = offsets.get(boundary, start)
        word = run[start:end]
        start = end
        if word and any(script_of(char) for char in word):
            words.append(word)
    return words


def index_terms(text):
    """The words of ``text`` as index terms, in order (for the full-text index)."""
    terms = []
    for script, run in runs(text or ""):
        if script == HAN:
            # The pairs in order, so that a query's pairs can be asked for as a phrase,
            # then the single characters (for one-character queries).
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
            terms.extend(run)
        elif script == COMPLEX:
            terms.extend(word for word in dictionary_words(run) if len(word) <= MAX_TOKEN_LENGTH)
        elif len(run) <= MAX_TOKEN_LENGTH:
            terms.append(run)
    return terms


def title_key(text):
    """What an exact title match compares: the normalised letters and digits only."""
    return "".join(run for _script, run in runs(text or ""))[:255]


@dataclass(frozen=True)
class Term:
    """One condition of a query: ``text`` is one index term, or several separated by
    spaces that must follow each other (the character pairs of a Chinese word), and
    ``surface`` is what it looks like in normalised text, for highlighting."""

    text: str
    prefix: bool = False
    surface: str = ""

    @property
    def tokens(self):
        return self.text.split()

    @property
    def needle(self):
        return self.surface or self.text


@dataclass(frozen=True)
class Query:
    terms: tuple
    key: str

    def __bool__(self):
        return bool(self.terms)


def _han_terms(piece):
    """A Chinese word: its character pairs, in a row (or the character itself)."""
    if len(piece) == 1:
        return [Term(piece)]
    return [Term(" ".join(piece[i : i + 2] for i in range(len(piece) - 1)), surface=piece)]


def parse_query(text, language="en"):
    """The terms a query asks for (all of them must match) and its title key."""
    latin_stop = LATIN_STOP_WORDS.get(language, LATIN_STOP_WORDS["en"])
    words = []  # (terms, is_stop_word)
    for script, run in runs(text or ""):
        if script == HAN:
            piece = []
            for word in dictionary_words(run):
                if word in SCRIPT_STOP_WORDS:
                    if piece:
                        words.append((_han_terms("".join(piece)), False))
                        piece = []
                    words.append((_han_terms(word), True))
                else:
                    piece.append(word)
            if piece:
                words.append((_han_terms("".join(piece)), False))
        elif script == COMPLEX:
            for word in dictionary_words(run):
                prefix = len(word) >= COMPLEX_PREFIX_MIN_LENGTH
                words.append(([Term(word, prefix=prefix)], word in SCRIPT_STOP_WORDS))
        elif len(run) <= MAX_TOKEN_LENGTH:
            words.append(([Term(run, prefix=len(run) >= PREFIX_MIN_LENGTH)], run in latin_stop))
    kept = [terms for terms, stop in words if not stop] or [terms for terms, _stop in words]
    unique = []
    for terms in kept:
        for term in terms:
            if term not in unique:
                unique.append(term)
    return Query(terms=tuple(unique[:MAX_QUERY_TERMS]), key=title_key(text))


# Highlighting -----------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _shadow_char(char):
    widened = _widen(char)
    if len(widened) == 1:
        char = widened
    if script_of(char) == HAN:
        simplified = simplify(char)
        return simplified if len(simplified) == 1 else char
    if script_of(char) != OTHER:
        return char
    folded = _fold_latin(char.casefold())  # as runs() folds a word, one letter at a time
    return folded if len(folded) == 1 else char


def _match_spans(text, query):
    """[(start, end)] of the query's terms in ``text`` (original characters)."""
    shadow = "".join(_shadow_char(char) for char in text)
    spans = []
    for term in query.terms:
        needle = term.needle
        latin = script_of(needle[0]) == OTHER
        start = shadow.find(needle)
        while start != -1:
            end = start + len(needle)
            if latin:
                before = shadow[start - 1] if start else " "
                if script_of(before) == OTHER:
                    start = shadow.find(needle, start + 1)
                    continue
                while term.prefix and end < len(shadow) and script_of(shadow[end]) == OTHER:
                    end += 1
                if not term.prefix and end < len(shadow) and script_of(shadow[end]) == OTHER:
                    start = shadow.find(needle, start + 1)
                    continue
            spans.append((start, end))
            start = shadow.find(needle, end)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, query, length=None):
    """``text`` escaped, with the query's words in <mark>. With ``length``, an excerpt of
    about that many characters around the first match (or the start when nothing matches)."""
    text = " ".join((text or "").split())
    spans = _match_spans(text, query) if query else []
    start, end, prefix, suffix = 0, len(text), "", ""
    if length and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - length // 4, len(text) - length))
        end = start + length
        prefix = "…" if start else ""
        suffix = "…" if end < len(text) else ""
    out, position = [prefix], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    out.append(suffix)
    return mark_safe("".join(out))
