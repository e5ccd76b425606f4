"""Text that is not Dutch is left out of the check and named (language.py)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from letterforge.readability import analyze, load_glossary
from letterforge.readability.annotate import annotate_docx
from letterforge.readability.docx_text import read_docx
from letterforge.readability.language import (
    analyze_dutch,
    foreign_blocks,
    foreign_spans,
)

GLOSSARY = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
GOOD = (
    "Beste mevrouw El Amrani,\n\nU krijgt geld voor een nieuwe wasmachine. Wij"
    " betalen het binnen twee weken. Heeft u vragen? Bel ons gerust."
)


_ARABIC = "هذه الرسالة مهمة. اطلب من شخص ما ترجمتها لك."
_ENGLISH = "This letter is important."


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        (_ARABIC, [_ARABIC]),
        ("Bu mektup önemlidir.", ["Bu mektup önemlidir."]),
        ("Ten list jest ważny.", ["Ten list jest ważny."]),
        ("This letter is important.", ["This letter is important."]),
        ("Dieser Brief ist wichtig.", ["Dieser Brief ist wichtig."]),
        ("Cette lettre est importante.", ["Cette lettre est importante."]),
        (f"Deze brief is belangrijk. {_ENGLISH}", [_ENGLISH]),
        ("Uw afspraak is bij מרכז העבודה in Utrecht.", ["מרכז העבודה"]),
        ("Письмо важно.", ["Письмо важно."]),
        # Dutch, names and address lines stay.
        ("Deze brief is belangrijk.", []),
        ("Met vriendelijke groet,", []),
        ("Afdeling Werk en Inkomen", []),
        ("Postbus 100, 1234 AB Voorbeeld", []),
        ("Beste heer Öztürk,", []),
        ("U kunt de brief ook in het Engels krijgen: ask for an English letter.", []),
        ("Uw klantnummer is ٤٥٦٧٨.", []),
    ],
)  # fmt: skip
def test_pieces_that_are_not_dutch_are_found(text: str, left_out: list[str]) -> None:
    assert [text[s:e] for s, e in foreign_spans(text)] == left_out


MULTILINGUAL = (
    "هذه الرسالة مهمة. اطلب من شخص ما ترجمتها لك.\n\n"
    "Deze brief is belangrijk. Bu mektup önemlidir. Ten list jest ważny."
    " This letter is important."
)


def test_a_multilingual_line_does_not_fail_a_good_letter() -> None:
    alone = analyze(GOOD, glossary=GLOSSARY)
    assert alone.meets_b1
    text = f"{GOOD}\n\n{MULTILINGUAL}"
    report, notice = analyze_dutch(text, glossary=GLOSSARY)
    # The Dutch line of the multilingual block counts, so the score moves a
    # little; at 90.0 alone that may cross the A2/B1 line, not the B1 verdict.
    assert report.meets_b1 and report.level in ("A2", "B1")
    assert abs(report.score - alone.score) < 5
    assert report.text == text  # offsets point into the whole text
    assert notice is not None
    assert notice.startswith("Niet in het Nederlands, niet beoordeeld: 'هذه")
    assert "Bu mektup önemlidir" in notice
    for finding in report.findings:  # nothing flagged in the other languages
        assert not foreign_spans(report.text[finding.start : finding.end])
    # Without leaving them out, the foreign words are flagged and cost points.
    plain = analyze(text, glossary=GLOSSARY)
    assert plain.score < report.score - 10
    assert any(f.excerpt == "mektup" for f in plain.findings)


def test_only_other_languages_is_no_text() -> None:
    from letterforge.readability import EmptyText

    with pytest.raises(EmptyText):
        analyze_dutch("This letter is important. Please read it.", glossary=GLOSSARY)


def test_the_notice_is_a_comment_in_the_word_file() -> None:
    document = docx.Document()
    for block in f"{GOOD}\n\n{MULTILINGUAL}".split("\n\n"):
        document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    read = read_docx(out.getvalue())
    report, notice = analyze_dutch(read.text, glossary=GLOSSARY)
    assert notice is not None
    annotated = annotate_docx(out.getvalue(), read, report, (notice,))
    comments = [c.text for c in docx.Document(io.BytesIO(annotated)).comments]
    assert notice in comments


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        # Two languages side by side stay two blocks, each named.
        (
            "This letter is important. Bu mektup önemlidir.",
            [
                ("This letter is important.", "Engels"),
                ("Bu mektup önemlidir.", "Turks"),
            ],
        ),
        # A short sentence without Dutch words goes with its paragraph.
        (
            "Bu mektup önemlidir. Lütfen tercüme ettirin.",
            [("Bu mektup önemlidir. Lütfen tercüme ettirin.", "Turks")],
        ),
        # ... but not across paragraphs, and not a Dutch sentence.
        (
            "Bu mektup önemlidir.\n\nLütfen tercüme ettirin.",
            [("Bu mektup önemlidir.", "Turks")],
        ),
        (
            "This letter is important. Lees deze brief goed.",
            [("This letter is important.", "Engels")],
        ),
        # A paragraph that is mostly Dutch keeps its short sentences.
        (
            "Wij betalen de huur voor u in maart en april. Deadline: morgen."
            " This letter is important.",
            [("This letter is important.", "Engels")],
        ),
        # A stray English word in Dutch text is Dutch.
        ("U krijgt een update van ons over uw aanvraag.", []),
        # Another script, named by its script.
        (
            "Uw afspraak is bij מרכז העבודה in Utrecht.",
            [("מרכז העבודה", "Hebreeuws schrift")],
        ),
    ],
)
def test_blocks_are_found_per_language(
    text: str, blocks: list[tuple[str, str]]
) -> None:
    found = foreign_blocks(text)
    assert [(text[s:e], language) for s, e, language in found] == blocks


@pytest.mark.parametrize(
    ("marks", "named"),
    [
        # The writer's mark decides for a sentence without telling words.
        ([(0, 28, "pl-PL")], "'Dzień dobry, Pani Kowalska.' (Pools)"),
        # A mark on clearly Dutch words is the keyboard language: Dutch.
        (
            [(0, 28, "pl-PL"), (28, 64, "en-US")],
            "'Dzień dobry, Pani Kowalska.' (Pools)",
        ),
        # A tag we have no name for is named by its code.
        ([(0, 28, "xx-YY")], "'Dzień dobry, Pani Kowalska.' (taalcode xx-YY)"),
    ],
)
def test_language_marks_are_used_unless_the_words_say_dutch(
    marks: list[tuple[int, int, str]], named: str
) -> None:
    text = "Dzień dobry, Pani Kowalska. Wij betalen de huur voor u in maart."
    _, notice = analyze_dutch(text, glossary=GLOSSARY, marks=marks)
    assert notice == f"Niet in het Nederlands, niet beoordeeld: {named}."
