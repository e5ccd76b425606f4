"""Legal soundness of every template, checked on the letters its samples make.

Each decision states what the law requires (domain-law.md): the decision first, the
motivation, the bezwaar or beroep clause with the computed date, and the facts that
make it this person's decision (amount, period, provision, calculation).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from letterforge.compose.calc.termijnen import hersteltermijn
from letterforge.compose.deadlines import bezwaar_deadline
from letterforge.compose.filters import bedrag, datum
from letterforge.compose.model import Callout, Heading, Letter, ListBlock, Paragraph
from letterforge.compose.norms import load_table
from letterforge.pipeline import build_letter, decode_request, load_library
from letterforge.render import render_text
from letterforge.settings import Settings
from tests.conftest import TODAY, sample_paths

Check = Callable[[str, dict[str, Any]], list[str]]


def amount(value: float) -> str:
    return bedrag(value)


NORMS = load_table(Path(__file__).resolve().parents[2] / "templates")


def papers_due(part: dict[str, Any], case: dict[str, Any]) -> str:
    """The date to send papers: from the hersteltermijn calculator (Awb 4:5, Pw 54
    lid 1), or the typed date of an older request."""
    if "hersteltermijn_weken" in part:
        letter_date = date.fromisoformat(case["zaak"]["briefdatum"])
        weeks = int(part["hersteltermijn_weken"])
        return datum(hersteltermijn(NORMS, letter_date, weeks).uiterlijk)
    return datum(part["sturen_uiterlijk"])


SPECIFIC: dict[str, Check] = {
    "terugvordering": lambda text, c: [
        amount(c["terugvordering"]["bedrag"]),
        datum(c["terugvordering"]["periode"]["van"]),
        "Participatiewet, artikel 58",
    ],
    "voornemen-terugvordering": lambda text, c: [
        amount(c["voornemen"]["bedrag"]),
        "zienswijze",
        "Reageer uiterlijk op",
        "artikel 4:8",
    ],
    "bestuurlijke-boete": lambda text, c: [
        "Participatiewet, artikel 18a",
        *(
            [
                "Hoe hebben we de boete berekend?",
                amount(c["overtreding"]["benadelingsbedrag"]),
            ]
            if "boete van" in text
            else ["waarschuwing"]
        ),
    ],
    "wmo-toekenning": lambda text, c: [
        c["voorziening"]["soort"],
        c["voorziening"]["omvang"],
        datum(c["voorziening"]["einddatum"]),
        "eigen bijdrage",
        "CAK",
    ],
    "wmo-afwijzing": lambda text, c: [c["aanvraag"]["soort"], "artikel 2.3.5"],
    "beslissing-op-bezwaar": lambda text, c: [
        c["beroep"]["rechtbank"],
        "beroep",
        f"Uw bezwaar is {c['bezwaar']['uitkomst']}",
        *[a["reactie"] for a in c["bezwaar"].get("argumenten", [])],
        *(
            ["Wij behandelen uw bezwaar niet. Dat komt doordat"]
            if c["bezwaar"]["uitkomst"] == "niet-ontvankelijk"
            else []
        ),
    ],
    "toekenning-bijstand": lambda text, c: [
        "Hoe hebben we uw bijstand berekend?",
        "Participatiewet, artikel 21 en 22",
        datum(c["toekenning"]["ingangsdatum"]),
        "inlichtingenplicht",
    ],
    "afwijzing-bijstand": lambda text, c: [
        "U krijgt geen bijstand",
        "Participatiewet, artikel 11",
    ],
    "beeindiging-bijstand": lambda text, c: (
        ["U krijgt bijstand tot en met", "Participatiewet, artikel 31 en 32"]
        if "inkomen" in c["beeindiging"]
        else [datum(c["beeindiging"]["einddatum"])]
    ),
    "betalingsregeling": lambda text, c: [
        amount(c["regeling"]["per_maand"]),
        "beslagvrije voet",
    ],
    "afzien-terugvordering": lambda text, c: [
        amount(c["afzien"]["restschuld"]),
        "artikel 58 lid 8"
        if c["afzien"]["grond"] == "dringende-redenen"
        else "artikel 58 lid 7 onder",
        "af van",
    ],
    "maatregel": lambda text, c: [
        f"{c['maatregel']['percentage']}\xa0%",
        "Zo berekenden wij de verlaging",
        "artikel 18 lid 2",
    ],
    "normbedragen-wijziging": lambda text, c: [
        "Hoe hebben we het nieuwe bedrag berekend?",
        datum(c["wijziging"]["datum"]),
    ],
    # Missing papers: a hersteltermijn (4:5) and a suspended term (4:15), never a
    # 4:14 extension; the voorschot (Pw 52) when the right is not yet established.
    "verlenging-beslistermijn": lambda text, c: (
        (
            ["artikel 4:5 lid 1", "artikel 4:15 lid 1 onder a", "Stuur de papieren"]
            if "nog_nodig" in c["verlenging"]
            else ["artikel 4:14 lid 3"]
        )
        + (
            ["Participatiewet, artikel 52 lid 1", "voorschot"]
            if c["verlenging"].get("voorschot_mogelijk")
            else []
        )
    ),
    "ontvangstbevestiging": lambda text, c: [
        datum(c["aanvraag"]["datum"]),
        *(
            ["Stuur de papieren uiterlijk op " + papers_due(c["aanvraag"], c)]
            if "nog_nodig" in c["aanvraag"]
            else []
        ),
    ],
    "bijzondere-bijstand-toekenning": lambda text, c: [
        amount(c["kosten"]["toegekend"]),
        c["kosten"]["waarvoor"],
        "Participatiewet, artikel 35",
    ],
    "bijzondere-bijstand-afwijzing": lambda text, c: [
        c["kosten"]["waarvoor"],
        "Participatiewet, artikel 35",
    ],
    "wijziging-contactpersoon": lambda text, c: [
        c["contactpersoon"]["naam"],
        datum(c["verandering"]["vanaf"]),
    ],
    "verhaal": lambda text, c: [
        amount(c["verhaal"]["bedrag_per_maand"]),
        "U kunt geen bezwaar maken",
        "Participatiewet, artikel 62",
    ],
    "herziening": lambda text, c: [
        datum(c["herziening"]["periode"]["van"]),
        datum(c["herziening"]["periode"]["tot"]),
        "Participatiewet, artikel 54 lid 3",
    ],
    "aanmaning": lambda text, c: [
        amount(c["vordering"]["openstaand"]),
        "twee weken",
        "Aanmaningsvergoeding",
        "dwangbevel",
    ],
    "buiten-behandeling": lambda text, c: [
        datum(c["herstel"]["sturen_uiterlijk"]),
        "artikel 4:5",
        *c["herstel"]["ontbrekend"],
    ],
    "opschorting": lambda text, c: [
        "Stuur de papieren uiterlijk op " + papers_due(c["opschorting"], c),
        "artikel 54 lid 1",
        "artikel 54 lid 4",
    ],
}
OBJECTION_BLOCKS = {"bezwaarclausule", "beroep"}


def _made(path: Path, settings: Settings) -> tuple[Letter, str, dict[str, Any]]:
    request = decode_request(path.read_bytes())
    letter = build_letter(request, settings, today=TODAY)
    return letter, render_text(letter), json.loads(path.read_bytes())["case"]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_every_letter_opens_with_a_short_summary(
    path: Path, settings: Settings
) -> None:
    letter, _, _ = _made(path, settings)
    # A letter to a representative first says whom "u" means (addressing.py).
    blocks = letter.blocks
    if isinstance(blocks[0], Paragraph) and blocks[0].text.startswith("Deze brief"):
        blocks = blocks[1:]
    first = blocks[0]
    assert isinstance(first, Callout) and first.title == "In het kort"
    lines = [
        item
        for block in first.blocks
        if isinstance(block, ListBlock)
        for item in block.items
    ]
    assert 1 <= len(lines) <= 3


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_decisions_have_question_headings_contact_and_objection(
    path: Path, settings: Settings
) -> None:
    letter, text, _ = _made(path, settings)
    template = load_library(settings).get(letter.meta.template_id)
    headings = [b.text for b in letter.blocks if isinstance(b, Heading)]
    assert "Heeft u vragen?" in headings
    assert all(h.endswith("?") for h in headings), headings
    if OBJECTION_BLOCKS & set(template.shared_blocks):
        # Legal articles go in the appendix, never instead of an explanation.
        assert letter.appendices[0].title == "Welke regels gelden?"
        deadline = datum(bezwaar_deadline(letter.meta.letter_date))
        assert f"uiterlijk op {deadline}" in text
        assert "Wat hebben we besloten?" in headings


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_template_specific_legal_content(path: Path, settings: Settings) -> None:
    letter, text, case = _made(path, settings)
    check = SPECIFIC[letter.meta.template_id]
    flat = " ".join(text.split())
    for required in check(text, case):
        assert " ".join(required.split()) in flat, required


def test_every_template_has_a_specific_check_and_two_samples(
    settings: Settings,
) -> None:
    library = load_library(settings)
    ids = {t.id for t in library.templates()}
    assert len(ids) >= 16
    assert ids == set(SPECIFIC)
    per_template = dict.fromkeys(ids, 0)
    for path in sample_paths():
        per_template[json.loads(path.read_bytes())["template"]] += 1
    assert min(per_template.values()) >= 2, per_template


def _with_investigation() -> list[Path]:
    """Samples of templates that offer the shared 'onderzoek' motivation block."""
    from letterforge.settings import load_settings

    library = load_library(load_settings({}))
    return [
        p
        for p in sample_paths()
        if library.get(json.loads(p.read_bytes())["template"]).motivation_block(
            "onderzoek"
        )
    ]


@pytest.mark.parametrize("path", _with_investigation(), ids=lambda p: p.stem)
def test_a_motivation_without_the_investigation_is_refused(
    path: Path, settings: Settings
) -> None:
    from letterforge.errors import MotivationError
    from letterforge.pipeline import parse_request

    request = json.loads(path.read_bytes())
    case = request["case"]
    case.setdefault(
        "onderzoeksrapport", {"datum": "2026-11-01", "bevindingen": ["Wij zagen iets."]}
    )
    case["motivering"] = [b for b in case["motivering"] if b != "onderzoek"]
    with pytest.raises(MotivationError) as raised:
        build_letter(parse_request(request), settings, today=TODAY)
    assert "wat het onderzoek heeft opgeleverd" in " ".join(raised.value.lines())
