"""Make the lemma-family frequencies the checker uses for word familiarity.

    .venv/bin/python tools/make_lemma_frequencies.py

A reader who knows "wethouder" and "indienen" knows "wethouders" and "indient",
but SUBTLEX-NL counts each form on its own (wethouders 2.40, indient 2.92: under
the rare-word line). LiNT counts lemmas; so do we: a word's familiarity is the
Zipf of all SUBTLEX-NL forms of its lemma together (frequencies added, then log10),
or its own Zipf when that is higher. simplemma (MIT, a dev dependency) gives the
lemmas here, once, at build time: loading its Dutch dictionary takes a second,
too slow for every `letterforge check`. Only its dictionary is used, not its
guessing by affixes (that made "belanghebbende" a form of "hebben"). A form over
100 times rarer than its family (MAX_GAIN) keeps its own Zipf: such forms are
fixed or archaic ("te zijner tijd", "ten laste van", "ter zake dienende"), and
the reader does not know them from "zijn", "last" or "dienen". Only words whose
family is more familiar than the word itself are written (letterforge/readability/data/
subtlex-nl-lemma-zipf.tsv.gz); lexicon.py reads it next to the SUBTLEX table.
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import defaultdict
from pathlib import Path

from simplemma import Lemmatizer
from simplemma.strategies import DictionaryLookupStrategy

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "letterforge" / "readability" / "data"
SOURCE = DATA / "subtlex-nl-zipf.tsv.gz"
OUT = DATA / "subtlex-nl-lemma-zipf.tsv.gz"
MIN_GAIN = 0.01  # smaller gains change nothing at two decimals
MAX_GAIN = 2.0  # Zipf points: a form 100 times rarer than its lemma family


def read() -> dict[str, float]:
    table: dict[str, float] = {}
    with gzip.open(SOURCE, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                word, _, zipf = line.rstrip("\n").partition("\t")
                table[word] = float(zipf)
    return table


def families(table: dict[str, float]) -> dict[str, float]:
    """Each word's lemma-family Zipf, where higher than its own."""
    lemmatizer = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())
    lemma_of = {w: lemmatizer.lemmatize(w, lang="nl").lower() for w in table}
    total: dict[str, float] = defaultdict(float)
    for word, zipf in table.items():
        total[lemma_of[word]] += 10.0**zipf  # Zipf is log10 of a frequency
    found = {}
    for word, zipf in table.items():
        family = math.log10(total[lemma_of[word]])
        if zipf + MIN_GAIN <= family <= zipf + MAX_GAIN:
            found[word] = round(family, 2)
    return found


def main() -> int:
    found = families(read())
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(
            "# word<TAB>Zipf of all SUBTLEX-NL forms of its lemma (simplemma 2), "
            "where higher than its own by at most 2; "
            "made by tools/make_lemma_frequencies.py\n"
        )
        for word in sorted(found):
            out.write(f"{word}\t{found[word]:.2f}\n")
    sys.stdout.write(f"{len(found)} words written to {OUT.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
