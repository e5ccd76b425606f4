"""Text that is not Dutch, left out of the check and named.

Letters often carry the line "deze brief is belangrijk" in Arabic, Turkish,
Polish and English, and names or places in another script. Those words are
deliberate; flagging them as rare Dutch words is wrong advice, and they pull the
score down. So before the check we blank them out (same length, so every offset
stays right) and say what we left out.

How a piece is judged, deterministic and cheap (no language model, no new
dependency): a word written mostly in another script than Latin (Arabic,
Hebrew, Cyrillic, ...) is not Dutch. A sentence in Latin script is not Dutch
when at least two of its words are common words of one other language (from the
short lists below: function words and the words of the usual "this letter is
important" line) and it has fewer common Dutch words than that. A sentence
without such words (an address line, a name) counts as Dutch, unless it is a
short sentence in a paragraph otherwise in one other language. In a Word file,
a sentence marked as another language (w:lang, docx_text.py) is that language
only when its words agree: at least one common word of that language (or, for
a language without a list here, no common Dutch word), or another script, and
not more common Dutch words than those. A mark alone decides nothing: Word
marks what is typed with an English keyboard as English, and LibreOffice puts
en-US in the defaults of every file it converts.

A sentence no list recognises is still not Dutch ("taal niet herkend") when it
has a letter Dutch does not use ("ś", "ł", "ı", "ø") and fewer than two common
Dutch words, or five words or more, no common Dutch word and mostly words that
are rare in Dutch (_unknown). A Frisian (fy) mark is trusted unless the sentence
has two common Dutch words that Frisian does not share (_frisian_agrees).

When less than half of the words are left to judge, the report gets an error
(rule "niet-beoordeeld"): a verdict on the rest would say "voldoet aan B1" about
a text we mostly did not read.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from letterforge.readability.glossary import Glossary
from letterforge.readability.lexicon import zipf
from letterforge.readability.report import SEVERITY_ORDER, Finding, Report
from letterforge.readability.text import normalise

_DUTCH: Final = frozenset(
    "de het een en van in is u uw wij we ons onze niet dat die dit deze op te voor"
    " met aan er zijn om als bij ook naar heeft hebben wordt worden kunt kan moet"
    " geen nog wat hoe waar maar dan tot uit over door ik je jij hij zij ze krijgt"
    " brief belangrijk hier staat graag vragen bel".split()
)  # fmt: skip
_OTHER: Final = {
    "Engels": "the this that is are you your it of and to for with please if our"
    " can need help letter important read call not have be someone translate",
    "Turks": "bu ve bir için ile önemli önemlidir mektup mektubu lütfen bize size"
    " değil çok mi ne daha olan var yok okuyun arayın eğer birine",
    "Pools": "ten ta to jest i w z na się nie że do list ważny ważne proszę pan"
    " pani czy jeśli nas dla przetłumaczyć",
    "Duits": "der das und ist nicht ein eine sie wir ich für auf dieser brief"
    " wichtig bitte ihnen",
    "Frans": "le la les et est vous une un ce cette lettre pour avec pas nous"
    " importante des du",
    "Spaans": "el los las y es usted una esta carta para con por importante",
    "Italiaans": "il lo la le gli è di che per con non una questa lettera importante",
    "Portugees": "o os as é que para com não uma esta carta importante você",
    # Frisian words Dutch does not write so (Wet gebruik Friese taal: municipalities
    # in Fryslân write Frisian too); the words both share say nothing.
    "Fries": "wy jo hawwe hat fan binne krije wurdt waard sil kinne moatte gjin ek"
    " mar hjir dêr ús jimme dizze oer mei foar wêze hie sa ien it"
    " antwurd wiken",
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\n))+")
MIN_HITS: Final = 2
MAX_NAMED: Final = 5
_EXCERPT: Final = 120
# A sentence this short, without two Dutch words, takes the language of the
# paragraph around it ("Bu mektup önemlidir. Lütfen tercüme ettirin.").
_SHORT: Final = 12

# Language tags (w:lang, BCP 47) by their first subtag, named in Dutch.
_TAGS: Final = {
    "en": "Engels", "tr": "Turks", "pl": "Pools", "de": "Duits", "fr": "Frans",
    "es": "Spaans", "ar": "Arabisch", "uk": "Oekraïens", "ru": "Russisch",
    "it": "Italiaans", "pt": "Portugees", "ro": "Roemeens", "bg": "Bulgaars",
    "so": "Somalisch", "ti": "Tigrinya", "fa": "Perzisch", "zh": "Chinees",
    "ja": "Japans", "ko": "Koreaans", "fy": "Fries", "he": "Hebreeuws",
    "el": "Grieks", "hu": "Hongaars", "cs": "Tsjechisch", "sk": "Slowaaks",
    "lt": "Litouws", "lv": "Lets", "ku": "Koerdisch", "prs": "Dari", "ps": "Pasjtoe",
}  # fmt: skip
# Scripts other than Latin, by the first word of a letter's Unicode name.
_SCRIPTS: Final = {
    "ARABIC": "Arabisch schrift", "HEBREW": "Hebreeuws schrift",
    "CYRILLIC": "Cyrillisch schrift", "GREEK": "Grieks schrift",
    "CJK": "Chinees of Japans schrift", "HIRAGANA": "Japans schrift",
    "KATAKANA": "Japans schrift", "HANGUL": "Koreaans schrift",
    "ETHIOPIC": "Ethiopisch schrift", "THAI": "Thais schrift",
    "DEVANAGARI": "Devanagari-schrift", "ARMENIAN": "Armeens schrift",
    "GEORGIAN": "Georgisch schrift", "TIFINAGH": "Tifinagh-schrift",
}  # fmt: skip


def language_name(tag: str) -> str:
    """A language tag ("tr-TR") as a Dutch language name ("Turks")."""
    first = tag.split("-")[0].lower()
    return _TAGS.get(first, f"taalcode {tag}")


@cache
def _other_words() -> dict[str, frozenset[str]]:
    return {name: frozenset(words.split()) - _DUTCH for name, words in _OTHER.items()}


def _latin_share(word: str) -> float:
    letters = [c for c in word if c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin / len(letters) if letters else 1.0


def _script(word: str) -> str:
    for c in word:
        if c.isalpha():
            first = unicodedata.name(c, "").split(" ")[0]
            if first != "LATIN":
                return _SCRIPTS.get(first, "ander schrift")
    return "ander schrift"


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    words: int
    dutch: int  # common Dutch words in it
    language: str  # "" when Dutch or not known


def _by_content(
    sentence: str, glossary: Glossary | None = None
) -> tuple[int, int, str]:
    """(words, Dutch hits, language or "") of one Latin-script sentence: another
    language when at least MIN_HITS of its words are common words of it and
    fewer are common Dutch words (officialese terms count as Dutch)."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    dutch = sum(1 for w in words if w in _DUTCH) + _officialese(sentence, glossary)
    hits = {n: sum(1 for w in words if w in lst) for n, lst in _other_words().items()}
    best = max(hits, key=lambda n: hits[n])
    foreign = hits[best] >= MIN_HITS and hits[best] > dutch
    return len(words), dutch, best if foreign else ""


# Letters Dutch words use (with the accents of "één", "café", "ruïne", "façade");
# a letter outside them ("ı", "ş", "ł", "ñ", "ã") is a sign of another language.
_DUTCH_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzáàâäéèêëíìîïóòôöúùûüç")


def _agrees(sentence: str, language: str, dutch: int) -> bool:
    """Whether the words of a marked sentence agree with its mark: another
    script or a letter Dutch does not use, or at least one common word of the
    marked language and not more common Dutch words (without a word list: no
    common Dutch word at all)."""
    words = _WORD.findall(sentence)
    if any(
        _latin_share(w) < 0.5 or not set(w.lower()) <= _DUTCH_LETTERS for w in words
    ):
        return True
    listed = _other_words().get(language)
    if listed is None:
        return dutch == 0
    hits = sum(1 for w in words if w.lower() in listed)
    return hits >= 1 and hits >= dutch


UNKNOWN: Final = "taal niet herkend"
# Why a text with words gets no score when none of them is Dutch (EmptyText).
NO_DUTCH: Final = (
    "Wij hebben deze tekst niet beoordeeld: wij herkenden er geen Nederlands in."
)
# A sentence this long without one common Dutch word is not Dutch, even when
# no list here knows its language (Czech, Somali in Latin script, ...).
_UNKNOWN_WORDS: Final = 5
_FAMILIAR_ZIPF: Final = 3.0  # SUBTLEX-NL Zipf; see _unknown


def _unknown(sentence: str, words: int, dutch: int) -> bool:
    """Whether an unmarked Latin-script sentence that no list recognised is
    still not Dutch: a letter Dutch does not use ("ś", "ł", "ı", "ø") and fewer
    than MIN_HITS common Dutch words (so a Polish name in a Dutch sentence
    stays Dutch), or _UNKNOWN_WORDS words or more, no common Dutch word and
    fewer than half of them familiar Dutch words (lexicon.zipf)."""
    found = _WORD.findall(sentence)
    if words >= _UNKNOWN_WORDS and dutch == 0:
        # Dutch without a function word (a heading, "Bijstand vanaf januari
        # stopgezet wegens verhuizing") still has mostly familiar Dutch words.
        familiar = sum(1 for w in found if zipf(w) >= _FAMILIAR_ZIPF)
        if familiar * 2 < len(found):
            return True
    return dutch < MIN_HITS and any(
        _latin_share(w) >= 0.5 and not set(w.lower()) <= _DUTCH_LETTERS for w in found
    )


FRISIAN: Final = "Fries"
# Frisian function words that Dutch writes the same way: they say nothing
# about which of the two a sentence is in. No Frisian word list: a fy mark is
# trusted unless the sentence has MIN_HITS common Dutch words outside these.
_SHARED_WITH_FRISIAN: Final = frozenset(
    "de en is dat dit op te om ik wat hoe dan in hier".split()
)


def _frisian_agrees(sentence: str) -> bool:
    """Whether a sentence marked fy (Frisian) is taken as Frisian."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    dutch = sum(1 for w in words if w in _DUTCH - _SHARED_WITH_FRISIAN)
    return dutch < MIN_HITS


def _by_mark(
    text: str, start: int, end: int, marks: Sequence[tuple[int, int, str]]
) -> str:
    """The language the writer marked on most letters of text[start:end], or ""."""
    letters = sum(1 for c in text[start:end] if c.isalpha())
    covered: dict[str, int] = {}
    # Marks are in order and do not overlap: only those from the one that
    # ends after `start` up to the first that begins at `end` can touch it.
    first = bisect.bisect_right(marks, start, key=lambda m: m[1])
    for mark_start, mark_end, tag in marks[first:]:
        if mark_start >= end:
            break
        low, high = max(start, mark_start), min(end, mark_end)
        if low < high:
            inside = sum(1 for c in text[low:high] if c.isalpha())
            covered[tag] = covered.get(tag, 0) + inside
    if not covered or not letters:
        return ""
    tag = max(covered, key=lambda t: covered[t])
    return language_name(tag) if covered[tag] * 2 > letters else ""


def _officialese(sentence: str, glossary: Glossary | None) -> int:
    """How many officialese terms of `glossary` (soort "ambtelijk": alsmede,
    voornoemd, middels) `sentence` has: each is a Dutch word no other language
    uses, so evidence that the sentence is Dutch."""
    if glossary is None:
        return 0
    return sum(1 for m in glossary.find(sentence) if m.entry.kind == "ambtelijk")


def _sentences(
    text: str,
    start: int,
    end: int,
    marks: Sequence[tuple[int, int, str]],
    glossary: Glossary | None = None,
) -> list[_Sentence]:
    found = []
    for match in _SENTENCE.finditer(text, start, end):
        stripped = match.group().strip()
        if not stripped:
            continue
        lead = len(match.group()) - len(match.group().lstrip())
        begin = match.start() + lead
        words, dutch, language = _by_content(stripped, glossary)
        marked = _by_mark(text, begin, begin + len(stripped), marks)
        if marked == FRISIAN:
            if _frisian_agrees(stripped):
                language = marked
        elif marked and _agrees(stripped, marked, dutch):
            language = marked
        if not language and _unknown(stripped, words, dutch):
            language = UNKNOWN  # whether or not it carries a mark
        found.append(_Sentence(begin, begin + len(stripped), words, dutch, language))
    return found


def _paragraph_language(sentences: list[_Sentence]) -> list[_Sentence]:
    """A short sentence without two Dutch words, in a paragraph otherwise in
    one other language, is in that language too; so is a sentence of
    _UNKNOWN_WORDS words or more without a single common Dutch word ("We have
    received your application. You will get an answer within eight weeks.")."""
    languages = {s.language for s in sentences if s.language}
    if len(languages) != 1:
        return sentences
    language = languages.pop()
    judged = sum(s.words for s in sentences if s.language)
    open_ = [s for s in sentences if not s.language]
    mostly = judged >= sum(s.words for s in open_)
    return [
        dataclasses.replace(s, language=language)
        if not s.language
        and (
            (s.dutch == 0 and s.words >= _UNKNOWN_WORDS)
            or (mostly and s.words <= _SHORT and s.dutch < MIN_HITS)
        )
        else s
        for s in sentences
    ]


def foreign_blocks(
    text: str,
    marks: Sequence[tuple[int, int, str]] = (),
    glossary: Glossary | None = None,
) -> list[tuple[int, int, str]]:
    """(start, end, language in Dutch) of every piece of `text` that is not
    Dutch, in order: sentences in another language (by their words, or by the
    writer's language mark in `marks`: (start, end, tag) into `text`), and
    words in another script. Neighbouring pieces of one language are one.
    The officialese terms of `glossary` count as common Dutch words."""
    blocks: list[tuple[int, int, str]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        sentences = _paragraph_language(
            _sentences(text, *paragraph.span(), marks, glossary)
        )
        for sentence in sentences:
            if sentence.language:
                blocks.append((sentence.start, sentence.end, sentence.language))
                continue
            for word in re.finditer(r"\S+", text[sentence.start : sentence.end]):
                if _latin_share(word.group()) < 0.5:
                    at = sentence.start + word.start()
                    blocks.append((at, at + len(word.group()), _script(word.group())))
    return _merged(text, blocks)


def foreign_spans(
    text: str, marks: Sequence[tuple[int, int, str]] = ()
) -> list[tuple[int, int]]:
    """(start, end) of every piece of `text` that is not Dutch (foreign_blocks)."""
    return [(start, end) for start, end, _ in foreign_blocks(text, marks)]


def _merged(
    text: str, blocks: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Neighbouring blocks of one language, with only spaces or punctuation
    between them, as one; blocks of two languages stay apart."""
    merged: list[tuple[int, int, str]] = []
    for start, end, language in blocks:
        if (
            merged
            and merged[-1][2] == language
            and not any(c.isalnum() for c in text[merged[-1][1] : start])
        ):
            merged[-1] = (merged[-1][0], end, language)
        else:
            merged.append((start, end, language))
    return merged


def _excerpt(piece: str) -> str:
    """Up to about _EXCERPT characters, cut at a word border with "…"."""
    if len(piece) <= _EXCERPT:
        return piece
    cut = piece[: _EXCERPT - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def notice(text: str, blocks: Sequence[tuple[int, int, str]]) -> str | None:
    """The Dutch line that names what was left out, each block with its language,
    or None when nothing was."""
    if not blocks:
        return None
    pieces = [
        f"'{_excerpt(' '.join(text[start:end].split()))}' ({language})"
        for start, end, language in blocks[:MAX_NAMED]
    ]
    more = (
        f" en nog {len(blocks) - MAX_NAMED} andere" if len(blocks) > MAX_NAMED else ""
    )
    return f"Niet in het Nederlands, niet beoordeeld: {', '.join(pieces)}{more}."


def analyze_dutch(
    text: str,
    *,
    glossary: Glossary | None = None,
    marks: Sequence[tuple[int, int, str]] = (),
) -> tuple[Report, str | None]:
    """analyze() on the Dutch part of `text`, and the notice naming the rest.

    `marks` are the writer's language marks, (start, end, tag) into `text`
    normalised: DocxText.language_marks() of a Word file.

    The other-language pieces are replaced by spaces before the check, so the
    report's offsets point into `text` normalised (report.text is that text,
    with the pieces in it). Raises EmptyText when no Dutch word is left: with
    NO_DUTCH and the notice naming the pieces when the text had words, all in
    another language or one we did not recognise (not "geen tekst").
    """
    from letterforge.readability import (  # the package imports this module
        EmptyText,
        analyze,
    )

    normal = normalise(text)
    blocks = foreign_blocks(normal, marks, glossary)
    blanked = list(normal)
    for start, end, _ in blocks:
        blanked[start:end] = " " * (end - start)
    try:
        report = analyze("".join(blanked), glossary=glossary)
    except EmptyText as e:
        named = notice(normal, blocks)
        if named is None:
            raise
        raise EmptyText(f"{NO_DUTCH} {named}") from e
    report = _mostly_unjudged(report, normal, "".join(blanked))
    return dataclasses.replace(report, text=normal), notice(normal, blocks)


def _mostly_unjudged(report: Report, normal: str, blanked: str) -> Report:
    """`report` with an error added when less than half of the words of `normal`
    are left in `blanked`: the score speaks for a small part only, so the text
    must not meet B1 on it (and `check --strict` must not pass it)."""
    total, judged = len(_WORD.findall(normal)), len(_WORD.findall(blanked))
    if not total or judged * 2 >= total:
        return report
    finding = Finding(
        "niet-beoordeeld",
        "error",
        "Wij hebben het grootste deel van de tekst niet beoordeeld:"
        f" {total - judged} van de {total} woorden lijken niet Nederlands"
        " (zie de melding). Daarom zeggen wij niet dat deze tekst aan B1 voldoet.",
        0,
        len(normal),
        _excerpt(" ".join(normal.split())),
        "Is de tekst wel Nederlands? Zet in Word de taal op Nederlands"
        " (Controleren > Taal) en controleer de tekst opnieuw.",
    )
    findings = sorted(
        (*report.findings, finding),
        key=lambda f: (f.start, SEVERITY_ORDER[f.severity], f.rule),
    )
    return dataclasses.replace(report, meets_b1=False, findings=tuple(findings))
