"""The block cache gives exactly the units that text.split_units gives."""

from __future__ import annotations

import pytest

from letterforge.readability import Glossary, analyze, cache, load_glossary
from letterforge.readability.text import normalise, split_units
from tests.conftest import ROOT, sample_paths

TEXTS = [
    "",
    "Eén zin.",
    "Kopje\n\nWij hebben besloten dat u € 1.234,56 terugbetaalt. Zie art. 58 lid 2.",
    "Geachte heer Jansen,\n\nU krijgt geld.\nDat is\nfijn.\n\n- punt een\n- twee\n",
    "   \n\n  Witruimte voor en na.  \n\n\n",
    "Gemeente Voorbeeld\nPostbus 1\n9999 AA Voorbeeld\n\nMevr. S. de Vries belt u.",
    "Bel ons op 06 12 34 56 78 of mail naar a.b@voorbeeld.example.nl. Dank u.",
    "Een zin zonder punt aan het eind\nen een regel die doorloopt",
]


def _letters(count: int = 12) -> list[str]:
    from letterforge.pipeline import build_letter, decode_request
    from letterforge.render import render_text
    from letterforge.settings import load_settings
    from tests.conftest import TODAY

    settings = load_settings({})
    return [
        render_text(build_letter(decode_request(p.read_bytes()), settings, today=TODAY))
        for p in sample_paths()[:count]
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_same_units_as_split_units(text: str) -> None:
    text = normalise(text)
    cache.clear()
    assert cache.split_units(text) == split_units(text)  # cold
    assert cache.split_units(text) == split_units(text)  # from the cache


def test_same_block_at_another_place_gets_its_own_offsets() -> None:
    block = "Wij betalen u € 100,00. Dat doen wij op 1 juli 2026."
    first = cache.split_units(block)
    moved = normalise(f"Kopje\n\n{block}")
    assert cache.split_units(moved) == split_units(moved)
    assert cache.split_units(moved)[-1].start == first[-1].start + len("Kopje\n\n")


def test_sample_letters() -> None:
    letters = _letters()
    cache.clear()
    for text in letters + letters:
        text = normalise(text)
        assert cache.split_units(text) == split_units(text)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


GLOSSARY_TEXTS = [
    "Wij schrijven u met betrekking tot uw aanvraag.",
    # A form of several words across two blocks: found in the whole text, as before.
    "Wij schrijven u met\n\nbetrekking tot uw aanvraag.",
    "Wij schrijven u met betrekking\n\ntot uw aanvraag.",
    "Kopje\n\nIn het geval van ziekte belt u ons.\n\nEr is sprake van een fout.",
    "Er is\n\nsprake van een fout. In geval\n\nvan twijfel belt u.",
    "Met betrekking tot.\n\nMet betrekking tot",
    "",
]


@pytest.mark.parametrize("text", GLOSSARY_TEXTS)
def test_same_glossary_matches_as_find(glossary: Glossary, text: str) -> None:
    text = normalise(text)
    cache.clear()
    for _ in range(2):  # cold, then from the cache
        assert cache.glossary_matches(glossary, text) == list(glossary.find(text))


def test_glossary_matches_in_sample_letters(glossary: Glossary) -> None:
    letters = [normalise(t) for t in _letters()]
    cache.clear()
    for text in letters + letters:
        assert cache.glossary_matches(glossary, text) == list(glossary.find(text))


# Variations a letter meets in real use: other names, amounts and dates, a
# sentence added, blocks joined or split, officialese and rare words.
VARIATIONS = [
    lambda t: t.replace("de Vries", "Van der Berg-Öztürk"),
    lambda t: t.replace("€", "€ 9.876.543,21 ofwel €"),
    lambda t: t.replace("2026", "2031"),
    lambda t: t + "\n\nMet betrekking tot uw verzoek is er sprake van een omissie.",
    lambda t: t.replace("\n\n", "\n", 3),
    lambda t: t.replace(". ", ".\n\n", 5),
    lambda t: "Kopje\n\n" + t.replace("u ", "U ", 4),
]


def _reports(texts: list[str], glossary: Glossary) -> list[object]:
    found = []
    for text in texts:
        try:
            found.append(analyze(text, glossary=glossary))
        except ValueError as e:  # EmptyText: the same on both sides
            found.append(str(e))
    return found


def test_cached_and_uncached_reports_are_equal(glossary: Glossary) -> None:
    """Every sample letter and varied texts: the report with the caches (cold,
    then warm) is the report computed directly (cache.bypassed)."""
    letters = _letters(count=1000)
    texts = (
        letters
        + [vary(t) for t in letters for vary in VARIATIONS]
        + TEXTS
        + GLOSSARY_TEXTS
    )
    with cache.bypassed():
        direct = _reports(texts, glossary)
    cache.clear()
    assert _reports(texts, glossary) == direct  # cold
    assert _reports(texts, glossary) == direct  # warm
    assert _reports(list(reversed(texts)), glossary) == list(reversed(direct))
