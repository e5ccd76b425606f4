"""Passive voice: a form of "worden" (or "zijn") with a past participle.

"worden" + participle is passive ("uw bijstand wordt verlaagd", "er wordt gekeken").
"worden" without a participle is a copula ("u wordt 67") and passes. "zijn" +
participle is often a perfect tense ("u bent verhuisd"), so that is only a hint,
unless "door" names who did it ("is door mij onderzocht"): then it is passive.

A participle is a past-participle form: ge-…-d/-t/-en (also inside a compound,
"teruggevorderd"), or a weak verb with an unstressed prefix (be-, ver-, ont-, her-,
er-: "betaald", "verstuurd") ending in -d/-t, or one of the strong participles
without ge- in _STRONG ("ontvangen", "besloten"). Present participles ("vervelend",
"dringend") and adjectives that look like participles ("bekend", "verplicht") are
not: "Dat is vervelend voor u" is no passive (review adviser 2, finding 5).
Ambiguous, decided: a state of a thing that is also a participle ("het loket is
gesloten") stays a hint after "zijn", because "staat er wie het doet?" is a fair
question there; a person's civil state ("u bent gescheiden", "geboren",
"getrouwd") is not, since nobody did it to the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from letterforge.readability.document import Document
from letterforge.readability.report import Finding
from letterforge.readability.text import Span, Unit

RULE = "lijdende-vorm"
_WORDEN = {"word", "wordt", "worden", "werd", "werden", "geworden"}
_ZIJN = {"is", "zijn", "was", "waren", "bent"}
_PARTICIPLE = re.compile(
    # gedaan, gegaan, gestaan: the -aan participles of doen, gaan, staan
    r"(?:\w*ge\w{2,}(?:d|t|en)|\w*ge[dgst]\w?aan|(?:\w*)(?:be|ver|ont|her|er)\w{2,}(?:d|t))",
    re.I,
)
# Words that look like participles but are not (adjectives, nouns, adverbs).
_NOT_PARTICIPLE = {
    "gezond", "genoeg", "gerust", "geheel", "gewend", "geldt", "gebied", "gedurende",
    "bericht", "berecht", "verschillend", "verder", "betreft", "bestaat", "bedraagt",
    "bent", "heeft", "geen", "gemeente", "gegeven", "verantwoordelijk", "ontvangt",
    "erg", "eerst", "everzwijn", "bedrijf", "gedeelte", "gevolg", "geleden", "geld",
    "begint", "bestand", "verstand", "vervolgens", "geweest", "gehad",
    # Adjectives (ANS: used as adjectives, no verb behind them in a letter).
    "bekend", "bereid", "bevoegd", "verplicht", "verschuldigd", "verkeerd",
    "benieuwd", "bezorgd", "ongerust", "geschikt", "gerechtigd", "gemiddeld",
    "gelden", "gemeen", "tevreden", "bedroefd", "beroemd", "berucht", "verliefd",
    # Nouns with a prefix ("Vermogen is geld of bezit", "Dit is beleid").
    "bezit", "beleid", "besluit", "verbod", "verband", "verzet", "onderhoud",
    # A person's civil state, not something done to them ("Bent u gescheiden?").
    "geboren", "getrouwd", "gehuwd", "gescheiden", "overleden",
    # Present tense of verbs that begin with ge- ("… en u geeft het door").
    "geeft", "geniet", "gelooft", "gebeurt", "gewent", "getuigt",
}  # fmt: skip
# Participles of verbs that take "zijn" in the perfect tense (ANS 2.3.2.2: verbs
# of movement or change of state): "u bent verhuisd", "u bent gestopt met
# werken" are active sentences, where the reader did it. Only with "zijn" and
# without a "door" phrase; "wordt … gestopt" stays passive.
_PERFECT_WITH_ZIJN = {
    "verhuisd", "gestopt", "gegaan", "gekomen", "vertrokken", "begonnen",
    "gebleven", "geworden", "gestorven", "gevallen", "gegroeid", "gestegen",
    "gedaald", "gebeurd", "verdwenen", "verschenen", "ontstaan", "opgehouden",
    "teruggekomen", "teruggegaan", "weggegaan", "geslaagd",
    "gezakt", "gelukt", "mislukt", "veranderd", "verlopen", "vergeten",
    "ingetrouwd", "gevlucht", "geëmigreerd", "geland", "gereisd", "meegegaan",
    "meegekomen", "aangekomen", "thuisgekomen", "opgestaan",
}  # fmt: skip
# Strong participles without ge- (a prefix takes its place): an -en ending alone
# would take infinitives and plural nouns too ("betalen", "verschillen"). Only
# transitive verbs: "is vertrokken", "is verlopen", "was vergeten" are perfect
# tenses of verbs that take "zijn", never passive. (toe- is a separable prefix:
# its participles have ge-, "toegekend", and are found by the pattern.)
_STRONG = {
    "ontvangen", "besloten", "bevonden", "verboden", "verzonden", "ontslagen",
    "beschreven", "bewezen", "verwezen", "doorverwezen", "ontnomen", "ontheven",
    "ontbonden", "herschreven", "herzien", "verkregen", "verkozen", "verworven",
    "begrepen", "behouden", "besproken", "bestreden", "bevolen", "overwogen",
    "onderbroken", "ondervonden", "onderschreven", "verweten", "vernomen",
    "verzocht", "onderzocht", "ontzegd",
}  # fmt: skip
# A present participle is an infinitive plus -d ("vervelen" → "vervelend"); past
# participles that end in -end come from verbs on -kennen/-wennen ("erkend").
_PRESENT = re.compile(r"\w+(?<![kw])end", re.I)
CLAUSE_BREAK = re.compile(r"[,;:]")
# After an article or a possessive comes a noun, not a participle: "met dit
# besluit", "over uw verzoek" (the participle pattern alone would take them).
# "ons" and "haar" are left out: they are pronouns too ("door ons betaald").
_DETERMINERS = {
    "de", "het", "een", "dit", "dat", "deze", "die", "uw", "onze", "mijn",
    "hun", "elk", "elke", "ieder", "iedere", "geen",
}  # fmt: skip


def _is_participle(word: str) -> bool:
    lower = word.lower()
    if lower in _NOT_PARTICIPLE or _PRESENT.fullmatch(lower):
        return False
    return lower in _STRONG or bool(_PARTICIPLE.fullmatch(lower))


def _clause_words(unit: Unit, index: int) -> list[Span]:
    """The words after the auxiliary up to the end of its clause."""
    after = unit.words[index + 1 :]
    stop = CLAUSE_BREAK.search(unit.text, unit.words[index].end - unit.start)
    limit = unit.start + stop.start() if stop else unit.end
    return [w for w in after if w.end <= limit]


def _passive_at(unit: Unit, index: int, auxiliaries: set[str]) -> Span | None:
    if unit.words[index].text.lower() not in auxiliaries:
        return None
    words = _clause_words(unit, index)[:8]
    for before, word in zip([unit.words[index], *words], words, strict=False):
        if _is_participle(word.text) and before.text.lower() not in _DETERMINERS:
            return word
    return None


def _has_agent(unit: Unit, auxiliary: Span, participle: Span) -> bool:
    """A "door" phrase between auxiliary and participle names the doer."""
    return any(
        w.text.lower() == "door" and auxiliary.end <= w.start < participle.start
        for w in unit.words
    )


def check(doc: Document) -> Iterator[Finding]:
    for unit in doc.sentences:
        for index, auxiliary in enumerate(unit.words):
            participle = _passive_at(unit, index, _WORDEN)
            sure = participle is not None
            if not sure:
                participle = _passive_at(unit, index, _ZIJN)
            if participle is None:
                continue
            agent = _has_agent(unit, auxiliary, participle)
            if not sure and not agent and participle.text.lower() in _PERFECT_WITH_ZIJN:
                continue  # a perfect tense with "zijn": "u bent verhuisd"
            if agent:
                message = "Lijdende vorm: wie het doet, staat pas na 'door'."
            elif sure:
                message = "Lijdende vorm: er staat niet wie het doet."
            else:
                message = "Misschien lijdende vorm: staat er wie het doet?"
            yield doc.finding(
                RULE,
                "warning" if sure or agent else "hint",
                (auxiliary.start, participle.end),
                message,
                f"Begin de zin met wie het doet (wat na 'door' staat), in plaats "
                f"van '{auxiliary.text} … {participle.text}'."
                if agent
                else f"Zeg wie het doet, bijvoorbeeld 'wij' of 'u', in plaats van "
                f"'{auxiliary.text} … {participle.text}'.",
            )
