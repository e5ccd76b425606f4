"""Sentence splitting and words for Dutch letters."""

from __future__ import annotations

import pytest

from letterforge.readability.text import split_units, words_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Volgens art. 58 lid 2 moet u betalen. Dat is zo.", 2),
        ("U moet o.a. uw loonstrook sturen. Doe dat snel.", 2),
        ("Dat is bijv. een auto. Of een fiets.", 2),
        ("Wij betalen € 1.234,56 uit. Dat is 3,5% meer.", 2),
        ("Het bedrag is 1.290.000 euro. Dat is veel.", 2),
        ("Sinds 1-1-2026 woont u daar. Klopt dat?", 2),
        ("Kijk op www.voorbeeld.nl. Of bel ons.", 2),
        ("Mail naar info@voorbeeld.nl. Wij antwoorden snel.", 2),
        ("Dhr. Jansen en mevr. De Vries komen. Zij blijven.", 2),
        ("Dat is d.w.z. de regel. En i.v.m. de wet moet het.", 2),
        ("Van 1 jan. tot en met 31 dec. krijgt u geld. Daarna niet.", 2),
        ("Van 1 t/m 31 maart krijgt u geld. Daarna niet.", 2),
        ("Mevrouw S. de Vries woont hier. Zij krijgt bijstand.", 2),
        ("Wat doet u? Wij helpen! Dat is fijn.", 3),
    ],
)
def test_sentences_split_where_a_reader_stops(text: str, expected: int) -> None:
    units = split_units(text)
    assert [u.kind for u in units] == ["sentence"] * expected


def test_headings_list_items_and_address_lines_stand_alone() -> None:
    text = (
        "Wat hebben we besloten?\n\nU krijgt geld. Dat is goed.\n\n"
        "- uw naam\n- de datum\n1. eerste stap\n\n"
        "Mevrouw S. de Vries\nLindelaan 12 B\n9999 AB  VOORBEELD\n"
    )
    kinds = [u.kind for u in split_units(text)]
    assert kinds == [
        "heading",
        "sentence",
        "sentence",
        "list_item",
        "list_item",
        "list_item",
        "line",
        "line",
        "line",
    ]


def test_offsets_point_into_the_original_text() -> None:
    text = "Eerste zin.  Tweede zin met € 12,50!"
    for unit in split_units(text):
        assert text[unit.start : unit.end] == unit.text
        for word in unit.words:
            assert text[word.start : word.end] == word.text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("€ 1.234,56", ["€ 1.234,56"]),
        (
            "een WW-uitkering en de kostendelers-norm",
            ["een", "WW-uitkering", "en", "de", "kostendelers-norm"],
        ),
        ("o.a. 3,5% op 1-1-2026", ["o.a.", "3,5%", "op", "1-1-2026"]),
        ("zie www.voorbeeld.nl/bezwaar", ["zie", "www.voorbeeld.nl/bezwaar"]),
        ("België's", ["België's"]),
    ],
)
def test_words_keep_amounts_compounds_and_links_whole(
    text: str, words: list[str]
) -> None:
    assert [w.text for w in words_in(text)] == words


@pytest.mark.parametrize(
    "table",
    [
        "Zo berekenden wij het | Bedrag\n"
        "4,8 % van uw bijstand over juni 2026 | € 67,27\n"
        "Over juli 2026 tot en met oktober 2026: 4,8 % van uw bijstand,"
        " 4 × € 68,13 | € 272,52",
        "Kosten | Bedrag\nhuur van de woning in de maand mei van dit jaar | € 700,00\n"
        "energie en water voor de hele maand | € 150,00",
    ],
)
def test_a_table_row_in_plain_text_is_its_own_unit(table: str) -> None:
    """Rows as the text renderer writes them ("cell | cell") never run together
    into one long sentence, whatever their first character."""
    units = split_units(table)
    assert [u.text for u in units] == table.split("\n")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Bijlagen: Welke regels gelden?, Hoe hebben we berekend wat u te veel"
            " kreeg?, Wat gebeurt er als u bezwaar maakt?",
            [
                "Bijlagen: Welke regels gelden?,",
                "Hoe hebben we berekend wat u te veel kreeg?,",
                "Wat gebeurt er als u bezwaar maakt?",
            ],
        ),
        ("Let op!; Betaal op tijd.", ["Let op!;", "Betaal op tijd."]),
        # A comma after a question mark before a small letter stays one sentence.
        (
            "U vraagt: waarom?, en wij leggen het uit.",
            ["U vraagt: waarom?, en wij leggen het uit."],
        ),
    ],
)
def test_a_list_of_question_titles_is_read_title_by_title(
    text: str, sentences: list[str]
) -> None:
    assert [u.text for u in split_units(text)] == sentences


# A capital letter with a dot after a lower-case word is a label ("bijlage A."),
# which ends the sentence before a word that opens one; otherwise it is an
# initial (review s5 adviser 4, findings 1 and 6).
@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Het staat in bijlage A. Het andere staat in bijlage B. Stuur ze terug.",
            [
                "Het staat in bijlage A.",
                "Het andere staat in bijlage B.",
                "Stuur ze terug.",
            ],
        ),
        (
            "U parkeert in zone B. De vergunning geldt een jaar.",
            ["U parkeert in zone B.", "De vergunning geldt een jaar."],
        ),
        (
            "Vul formulier B. Daarna sturen wij het op.",
            ["Vul formulier B.", "Daarna sturen wij het op."],
        ),
        # Initials stay with the name, also when the name is a common word.
        (
            "Wij stuurden de brief aan J. Bos. Hij belde ons.",
            ["Wij stuurden de brief aan J. Bos.", "Hij belde ons."],
        ),
        (
            "Vraag het aan P. Koning van ons team.",
            ["Vraag het aan P. Koning van ons team."],
        ),
        (
            "Geachte mevrouw A. De Vries, wij schrijven u.",
            ["Geachte mevrouw A. De Vries, wij schrijven u."],
        ),
        (
            "De brief is van S. de Vries en J. Bakker.",
            ["De brief is van S. de Vries en J. Bakker."],
        ),
        # A department name after "afd." is no new sentence.
        (
            "Bel met afd. Werk en Inkomen. Zij helpen u.",
            ["Bel met afd. Werk en Inkomen.", "Zij helpen u."],
        ),
    ],
)
def test_a_capital_label_ends_a_sentence_an_initial_does_not(
    text: str, sentences: list[str]
) -> None:
    assert [u.text for u in split_units(text) if u.kind == "sentence"] == sentences
