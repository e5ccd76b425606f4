import pytest

from letterforge.compose.markup import MarkupError, parse_body
from letterforge.compose.model import (
    Callout,
    Heading,
    ListBlock,
    Paragraph,
    Table,
)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("## Waarom?", (Heading("Waarom?", 2),)),
        ("Een zin.\nNog een zin.", (Paragraph("Een zin. Nog een zin."),)),
        ("Regel een\\\nregel twee", (Paragraph("Regel een\nregel twee"),)),
        ("Wij **vorderen** terug.", (Paragraph("Wij vorderen terug."),)),
        ("- een\n- twee", (ListBlock(("een", "twee")),)),
        ("1. een\n2. twee", (ListBlock(("een", "twee"), ordered=True),)),
        (
            "| Maand | Bedrag |\n|---|---:|\n| mei | € 5 |",
            (Table(("Maand", "Bedrag"), (("mei", "€ 5"),), ("left", "right")),),
        ),
        (
            "> [!geld] U betaalt € 50.\n> Elke maand.",
            (Callout("geld", (Paragraph("Elke maand."),), "U betaalt € 50."),),
        ),
        ("> Een citaat.", (Callout("info", (Paragraph("Een citaat."),), ""),)),
        ("<b>geen html</b>", (Paragraph("<b>geen html</b>"),)),
    ],
)
def test_blocks(source: str, expected: tuple[object, ...]) -> None:
    assert parse_body(source).blocks == expected


def test_level_one_heading_starts_an_appendix() -> None:
    body = parse_body("Brief.\n\n# Welke regels gelden?\n\n- artikel 58")
    assert body.blocks == (Paragraph("Brief."),)
    assert body.appendices[0].title == "Welke regels gelden?"
    assert body.appendices[0].blocks == (ListBlock(("artikel 58",)),)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("    code", "code_block"),
        ("```\nx\n```", "fence"),
        ("---", "hr"),
        ("> [!raket] Titel", "onbekend pictogram"),
    ],
)
def test_unsupported_markup_is_an_error(source: str, message: str) -> None:
    with pytest.raises(MarkupError, match=message):
        parse_body(source)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("![Stappen](figuur:bezwaar-stappen)", None),
        ("![Stappen](figuur:bestaat-niet)", "onbekende afbeelding"),
        ("![Stappen](https://example.org/x.png)", "onbekende afbeelding"),
        ("![](figuur:bezwaar-stappen)", "alt-tekst"),
    ],
)
def test_figures_are_our_own_pictures_with_alt_text(
    text: str, error: str | None
) -> None:
    from letterforge.compose.markup import MarkupError
    from letterforge.compose.model import Figure

    if error is None:
        assert parse_body(text).blocks == (Figure("bezwaar-stappen", "Stappen"),)
    else:
        with pytest.raises(MarkupError, match=error):
            parse_body(text)
