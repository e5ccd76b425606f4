"""Unmarked sentences that are not Dutch, and the Frisian mark (issue 15, second
adviser): a sentence no word list knows is not scored as Dutch when its letters
or its words say so, while Dutch with a loanword or a foreign name stays Dutch."""

from __future__ import annotations

import pytest

from letterforge.readability.language import FRISIAN, UNKNOWN, foreign_blocks


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Letters Dutch does not use, no language list knows the sentence.
        ("Tento dopis je důležitý, přečtěte si ho prosím.", UNKNOWN),
        ("Şu kişi burada.", UNKNOWN),
        ("Łódź leży w centrum.", UNKNOWN),
        ("Søknaden er mottatt.", UNKNOWN),
        # Five words or more, no common Dutch word, mostly rare in Dutch.
        ("Jeg heter Ole og bor i Bergen sammen med familien.", UNKNOWN),
        # Dutch stays Dutch: a loanword, a name with a foreign letter, a
        # heading without function words, the accents Dutch uses.
        ("U krijgt een e-mail met de deadline van uw aanvraag.", ""),
        ("Mevrouw Wiśniewska heeft een aanvraag gedaan.", ""),
        ("De heer Yılmaz krijgt een uitkering van ons.", ""),
        ("Gemeente Voorbeeld Afdeling Sociale Zaken Team Bijstand.", ""),
        ("Bijstand vanaf januari stopgezet wegens verhuizing.", ""),
        ("Wij hebben één café en een ruïne in de façade gezien.", ""),
        ("Tweeënzeventig cliënten kregen geld.", ""),
    ],
)
def test_unmarked_sentence(text: str, language: str) -> None:
    blocks = foreign_blocks(text)
    assert [b[2] for b in blocks] == ([language] if language else [])
    if language:
        assert blocks[0][:2] == (0, len(text))


@pytest.mark.parametrize(
    ("text", "frisian"),
    [
        # Frisian: function words it shares with Dutch do not count against it.
        ("Dit is in brief fan de gemeente.", True),
        ("Wy hawwe jo oanfraach krigen en dat is goed.", True),
        ("Hy wennet yn Ljouwert.", True),
        # Dutch marked fy by mistake: two common Dutch words Frisian lacks.
        ("Wij hebben uw aanvraag voor bijstand ontvangen.", False),
        ("U krijgt het geld van ons niet.", False),
    ],
)
def test_frisian_mark(text: str, frisian: bool) -> None:
    blocks = foreign_blocks(text, [(0, len(text), "fy-NL")])
    assert [b[2] for b in blocks] == ([FRISIAN] if frisian else [])


def test_a_wrong_mark_does_not_make_it_dutch() -> None:
    # An English mark its words do not bear out (LibreOffice marks every
    # converted file en-US): the sentence is still judged on its words.
    text = "Jeg heter Ole og bor i Bergen sammen med familien."
    assert foreign_blocks(text, [(0, len(text), "en-US")])[0][2] == UNKNOWN


def test_frisian_mark_holds_for_the_whole_marked_paragraph() -> None:
    text = "Dit is in brief fan de gemeente. Lês him goed. Belje ús."
    assert foreign_blocks(text, [(0, len(text), "fy")]) == [(0, len(text), FRISIAN)]


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        # A sentence without one common Dutch word takes the language of its
        # paragraph, whatever its length (second adviser, g08).
        (
            "We have received your application. You will get an answer within"
            " eight weeks.",
            ["Engels"],
        ),
        # Unmarked Frisian, by words Dutch does not write so.
        (
            "Wy hawwe jo oanfraach krigen. Jo krije binnen acht wiken in antwurd"
            " fan de gemeente.",
            [FRISIAN],
        ),
        # Dutch with one Frisian-looking word stays Dutch; a short line without
        # two Dutch words after an English one is English (the short rule).
        ("Wij hebben uw brief over de fan van uw auto gekregen.", []),
        ("This letter is important. Deadline: morgen.", ["Engels"]),
    ],
)
def test_a_paragraph_in_another_language(text: str, languages: list[str]) -> None:
    blocks = foreign_blocks(text)
    assert [b[2] for b in blocks] == languages
    if languages:
        assert blocks[0][:2] == (0, len(text))
