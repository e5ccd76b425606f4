"""Dutch syllable counting by vowel groups.

Written here because textstat/pyphen count hyphenation points, and Dutch hyphenation
("uit-ke-ring") undercounts words such as "financieel" (fi-nan-ci-eel) and breaks
on diaeresis. A vowel group is split into Dutch vowel sounds, longest first: "ieu"
in nieuw is one sound, "iee" in financieel is two ("ie" + "e"). A diaeresis starts
a new syllable (be-ëin-di-gen). Checked against tests/readability/syllables.tsv.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Dutch vowel sounds spelled with more than one letter, longest first.
_SOUNDS = ("aai", "ooi", "oei", "eeu", "ieu", "eau", "aa", "ee", "oo", "uu", "ie",
           "oe", "eu", "ui", "ei", "ij", "ou", "au", "ai")  # fmt: skip
_VOWELS = "aeiouy"
_DIAERESIS = str.maketrans("äëïöü", "\x01\x02\x03\x04\x05")
_RESTORE = str.maketrans("\x01\x02\x03\x04\x05", "aeiou")
_GROUP = re.compile(r"(?:ij|[aeiouy\x01-\x05])+")


def _plain(word: str) -> str:
    """Lower case, diaeresis kept as a marker, other accents removed."""
    marked = word.lower().translate(_DIAERESIS)
    decomposed = unicodedata.normalize("NFKD", marked)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sounds_in_group(group: str) -> int:
    count = 0
    index = 0
    while index < len(group):
        if "\x01" <= group[index] <= "\x05":
            # A letter with a diaeresis begins a new sound, and may join the
            # letters after it ("ëi" in beëindigen).
            group = (
                group[:index] + group[index].translate(_RESTORE) + group[index + 1 :]
            )
        for sound in _SOUNDS:
            if group.startswith(sound, index):
                index += len(sound)
                break
        else:
            index += 1
        count += 1
    return count


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """The number of syllables of a Dutch word (at least 1 for any word)."""
    total = 0
    for part in (p for p in re.split(r"[-'’]", word) if p):
        if part.isupper() and len(part) <= 5 and part.isalpha():
            total += len(part)  # an abbreviation is read letter by letter: U-W-V
            continue
        groups = _GROUP.findall(_plain(part))
        total += max(1, sum(_sounds_in_group(g) for g in groups)) if groups else 0
    return max(total, 1)
