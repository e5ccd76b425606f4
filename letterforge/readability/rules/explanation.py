"""Whether a letter explains a term or abbreviation where it uses it.

Shared by the vakterm and abbreviation rules: both ask that the letter explains
the word once, and both accept the same ways of doing so.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from letterforge.readability.document import Document

# Abbreviations every adult reader knows: they need no explanation. Compared in
# capitals: Word's "all caps" (w:caps) shows "DigiD" as "DIGID".
KNOWN_ABBREVIATIONS = frozenset(
    {"EU", "NL", "OK", "PDF", "TV", "DIGID", "BV", "NV", "KVK", "ID"}
)

# An explanation counts only when it is attached to the term (review adviser 2,
# finding 5: any "dat is" within 160 characters used to count, so "Dat is
# vervelend voor u." explained every term around it).
# Right after the term: "bezwaar (…)", "bezwaar: …", "bezwaar – …",
# "bezwaar is/betekent/wil zeggen …", "bezwaar, dat is …", "Met bezwaar bedoelen
# wij …".
_AFTER = re.compile(
    r"\s*[:(]|\s+[–-]\s"
    r"|\s+(?:is|zijn|betekent|betekenen|heet|wil\s+zeggen)\s"
    r"|,\s*(?:dat|dit|die|wat)\s+(?:is|zijn|betekent|wil\s+zeggen|heet)\s"
    r"|\s+(?:bedoelen|bedoelt|bedoel)\s+(?:wij|we|ik)\b",
    re.IGNORECASE,
)
# Right before the term, in the same sentence: "Dit heet de kostendelersnorm",
# "Dat noemen wij verrekenen", "Daarom heet dit een boete" (at most three words,
# such as "dit de", between the naming verb and the term).
_BEFORE = re.compile(
    r"\b(?:heet|heten|noemen\s+(?:wij|we)|noemen\s+wij\s+dat|noemt\s+men)"
    r"\s+(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
# The first words of the next sentence, which then explain the terms of the
# sentence before: "Wij herzien uw bijstand. Dat betekent: wij berekenen …".
# Which of its terms is meant cannot be told, so all count (a false alarm on a
# well-explained letter costs more than a missed one). "Dat is" counts only with
# a noun phrase after it, as B1 writers explain ("Dat is geld dat u nu al
# krijgt", "Dat is een brief van de rechter", "Dat is het bedrag …"): "Dat is
# vervelend voor u" (an adjective) explains nothing.
_NEXT_SENTENCE = re.compile(
    r"\s*(?:dit|dat)\s+(?:betekent|wil\s+zeggen|heet|noemen\s+wij)\b"
    r"|\s*(?:daarmee|hiermee)\s+(?:bedoelen|bedoel)\s+(?:wij|we|ik)\b",
    re.IGNORECASE,
)
# Without a POS tagger, a noun phrase after "Dit/Dat is/zijn" is: a determiner
# and a word ("een voorschot", "het bedrag", not "het niet"), or a bare word
# that a relative clause or a preposition follows ("geld dat", "kosten voor")
# and that does not look like an adjective (its ending, or a common one).
_IS_NOUN_PHRASE = re.compile(
    r"\s*(?:dit|dat)\s+(?:is|zijn)\s+(?:"
    r"(?:een|de|het|uw|ons|onze|geen|zo['’]n)\s+"
    r"(?!(?:niet|wel|ook|dan|nu|toch|zo|al|waar|goed)\b)[^\W\d_]"
    r"|(?P<word>[^\W\d_]+)\s+(?:dat|die|wat|waarmee|waarvoor|waarop|waarin|voor"
    r"|van|om|uit|bij|als)\b)",
    re.IGNORECASE,
)
_ADJECTIVE_ENDINGS = (
    "end", "lijk", "ig", "baar", "isch", "ief", "eel", "zaam", "loos", "rijk",
    "vol",
)  # fmt: skip
_COMMON_ADJECTIVES = frozenset(
    "fijn jammer goed slecht mooi nodig waar zo niet nieuw oud duur goedkoop hoog"
    " laag klaar ook veel weinig genoeg anders leuk erg raar gek prima zeker"
    " belangrijk handig lastig makkelijk moeilijk mogelijk juist fout normaal"
    " logisch vrij snel traag kort lang groot klein meer minder hoger lager"
    " beter eerder later".split()
)


def _explains_by_noun(sentence: str) -> bool:
    """ "Dit/Dat is" + a noun phrase at the start of `sentence`."""
    match = _IS_NOUN_PHRASE.match(sentence)
    if match is None:
        return False
    word = (match.group("word") or "").lower()
    return not word or (
        word not in _COMMON_ADJECTIVES and not word.endswith(_ADJECTIVE_ENDINGS)
    )


# The plain words first, the term after them as their name: "de hoogte van de
# bijstand (de bijstandsnormen)", "De wet geeft daarvoor vaste bedragen: de
# bijstandsnormen." (the term closes the sentence, so "Let op: de
# bijstandsnorm verandert" is no explanation).
_NAMED_IN_BRACKETS = re.compile(r"\w[^()]*\(\s*(?:de|het|een)?\s*$", re.IGNORECASE)
_NAMED_AFTER_COLON = re.compile(
    r"(?:\w+[^\w:]+){2,}\w+:\s*(?:de|het|een)?\s*$", re.IGNORECASE
)  # at least three words before the colon: "Let op: …" names nothing
_SENTENCE_CLOSE = re.compile(r"\s*[.!?]")
LINE_LABEL = 40  # characters after a term in which "term, artikel 11: …" may label


class Explanations:
    """Where this document explains a word; the units' starts are indexed once
    per document, so every lookup is a binary search (a long Word document has
    thousands of units and hundreds of terms)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._starts = [u.start for u in doc.units]

    def _unit_of(self, position: int) -> int | None:
        """Index in doc.units of the unit holding `position` (units are in text
        order and do not overlap)."""
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position < self.doc.units[index].end:
            return index
        return None

    def attached(self, start: int, end: int) -> bool:
        """An explanation right after or right before the word at text[start:end]."""
        doc = self.doc
        if _AFTER.match(doc.text, end):
            return True
        index = self._unit_of(start)
        unit_start, unit_end = (
            (doc.units[index].start, doc.units[index].end)
            if index is not None
            else (start, end + LINE_LABEL)
        )
        # A line such as "Participatiewet, artikel 11: wie recht heeft op
        # bijstand." (in the same unit: a colon in the next sentence labels
        # something else).
        rest = doc.text[end : min(end + LINE_LABEL, unit_end)]
        if ": " in rest.split("\n", 1)[0]:
            return True
        before = doc.text[unit_start:start]
        return bool(
            _BEFORE.search(before)
            or _NAMED_IN_BRACKETS.search(before)
            or (
                _NAMED_AFTER_COLON.search(before)
                and _SENTENCE_CLOSE.match(doc.text, end)
            )
        )

    def by_next(self, start: int) -> bool:
        """Whether the sentence after the one holding `start` explains it ("Dat
        betekent …", "Dat is geld dat …")."""
        index = self._unit_of(start)
        if index is None or index + 1 >= len(self.doc.units):
            return False
        following = self.doc.units[index + 1].text
        return _NEXT_SENTENCE.match(following) is not None or _explains_by_noun(
            following
        )
