"""Silent template mistakes are loud: each kind, made in a broken COPY of a real
template, fails loading the library and `templates lint` with FILE:LINE."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from letterforge.cli import main
from letterforge.compose.environment import make_environment
from letterforge.errors import TemplateError, TemplateSourceError
from letterforge.library import load_library
from letterforge.library.structure import (
    JINJA_WHITESPACE,
    SchemaScope,
    layout_problems,
    source_problems,
)
from letterforge.pipeline import build_letter, decode_request
from letterforge.settings import Settings

ROOT = Path(__file__).resolve().parents[2] / "templates"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TERUG = "terugvordering/letter.md.j2"
BLOCK = "terugvordering/motivering/inlichtingenplicht.md.j2"


@pytest.fixture
def copy(tmp_path: Path) -> Iterator[Path]:
    target = tmp_path / "templates"
    shutil.copytree(ROOT, target)
    load_library.cache_clear()
    yield target
    load_library.cache_clear()
    make_environment.cache_clear()


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (file, old text, new text, expected `FILE:LINE: message` start)
BROKEN = [
    pytest.param(
        TERUG,
        "{% endif %}\n\n> - Bent u",
        "{% endif %}\n> - Bent u",
        f"{TERUG}:19: de opmaak '> -' komt midden in de tekst",
        id="issue-case-glued-callout-bullet",
    ),
    pytest.param(
        TERUG,
        "## Hoe betaalt u het terug?\n\n",
        "## Hoe betaalt u het terug?\n\nEen zin. {% if t.bruto %}Bruto.{% endif %}\n"
        "Daarin zit ook.\n\n",
        f"{TERUG}:38: de tekst plakt vast aan de regel ervoor",
        id="glued-text",
    ),
    pytest.param(
        TERUG,
        "## Hoe betaalt u het terug?\n\n",
        "## Hoe betaalt u het terug?\n\n- Eerste punt.\n\n    Extra alinea.\n\n",
        f"{TERUG}:39: de regel begint met spaties",
        id="indent-moves-paragraph-into-list",
    ),
    pytest.param(
        TERUG,
        "## Hoe betaalt u het terug?\n\n",
        "## Hoe betaalt u het terug?\n\n\tMet een tab.\n\n",
        f"{TERUG}:37: de regel begint met spaties",
        id="tab-indent",
    ),
    pytest.param(
        TERUG,
        "> - Bent u het niet eens? Maak dan uiterlijk op "
        "{{ brief.bezwaar_uiterlijk | datum }} bezwaar.\n",
        "> - Bent u het niet eens? Maak dan uiterlijk op "
        "{{ brief.bezwaar_uiterlijk | datum }} bezwaar.\nDit is geen kader.\n",
        f"{TERUG}:21: deze regel komt in het kader erboven",
        id="lazy-line-into-callout",
    ),
    pytest.param(
        "buiten-behandeling/letter.md.j2",
        "- {{ stuk }}\n",
        "- {{ stuk }}\nen nog iets\n",
        "buiten-behandeling/letter.md.j2:26: deze regel komt in het lijstpunt",
        id="lazy-line-into-list-item",
    ),
    pytest.param(
        TERUG,
        "| Laatste betaling | {{ plan.last_month | maand }} |\n",
        "| Laatste betaling | {{ plan.last_month | maand }} |\nTekst na de tabel.\n",
        f"{TERUG}:61: deze regel wordt een rij van de tabel erboven",
        id="lazy-line-into-table",
    ),
    pytest.param(
        TERUG,
        "> - U moet {{ t.bedrag",
        "> - U moet {{ terugvordering.bedrg",
        f"{TERUG}:17: het veld 'terugvordering.bedrg' bestaat niet in schema.json",
        id="unknown-field",
    ),
    pytest.param(
        TERUG,
        "> - U moet {{ t.bedrag",
        "> - U moet {{ t.bedrg",
        f"{TERUG}:17: het veld 'terugvordering.bedrg' bestaat niet in schema.json "
        "('t' staat voor terugvordering)",
        id="unknown-field-through-alias",
    ),
    pytest.param(
        TERUG,
        "h.leefvorm",
        "h.leefvrom",
        f"{TERUG}:8: het veld 'terugvordering.huishouden.leefvrom' bestaat niet",
        id="alias-of-alias",
    ),
    pytest.param(
        TERUG,
        "{% if t.bruto is defined and t.bruto %}",
        "{% if t.brutto is defined %}",
        f"{TERUG}:25: het veld 'terugvordering.brutto' bestaat niet",
        id="typo-hidden-by-is-defined",
    ),
    pytest.param(
        "terugvordering/template.yaml",
        'onderwerp: "U moet {{ terugvordering.bedrag',
        'onderwerp: "U moet {{ terugvordering.bedrg',
        "terugvordering/template.yaml:12: het veld 'terugvordering.bedrg' bestaat",
        id="unknown-field-in-subject",
    ),
    pytest.param(
        BLOCK,
        "{{ t.niet_doorgegeven }}",
        "{{ t.niet_doorgeven }}",
        f"{BLOCK}:3: het veld 'terugvordering.niet_doorgeven' bestaat niet",
        id="motivation-block-uses-parent-alias",
    ),
    pytest.param(
        TERUG,
        "## Waarom?\n",
        "## Waarom?\n{% if %}\n",
        f"{TERUG}:29: hier mist een veld of waarde",
        id="syntax-error",
    ),
]


THROUGH_CLI = [
    p
    for p in BROKEN
    if p.id
    in {
        "issue-case-glued-callout-bullet",
        "indent-moves-paragraph-into-list",
        "unknown-field-through-alias",
        "motivation-block-uses-parent-alias",
        "syntax-error",
    }
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), BROKEN)
def test_each_silent_kind_fails_loading(
    copy: Path, name: str, old: str, new: str, expected: str
) -> None:
    _edit(copy, name, old, new)
    with pytest.raises(TemplateSourceError) as raised:
        load_library(copy)
    assert any(f.startswith(expected) for f in raised.value.findings), (
        raised.value.findings
    )


@pytest.mark.parametrize(("name", "old", "new", "expected"), THROUGH_CLI)
def test_lint_reports_file_and_line_and_fails(
    copy: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    """LETTERFORGE_TEMPLATE_DIR points lint at the broken copy."""
    _edit(copy, name, old, new)
    monkeypatch.setenv("LETTERFORGE_TEMPLATE_DIR", str(copy))
    assert main(["templates", "lint"]) != 0
    out = capsys.readouterr()
    assert expected in out.out
    assert "problemen in de sjablonen" in out.err + out.out


def test_the_real_library_has_none_of_these(settings: Settings) -> None:
    load_library.cache_clear()
    assert load_library(settings.template_dir).templates()


def test_a_letter_with_a_blank_line_after_the_tag_is_fine() -> None:
    source = "> - {% if a %}Ja.{% else %}Nee.{% endif %}\n\n> - Verder.\n"
    assert layout_problems("x.md.j2", source) == []


def test_tag_only_lines_vanish_and_glue_nothing() -> None:
    source = "Eerste zin.\n{% if a %}\nTweede zin.\n{% endif %}\n\n- punt\n"
    assert source_problems("x.md.j2", source, SchemaScope.of({})) == []


def test_an_open_schema_object_accepts_any_field() -> None:
    schema = {"properties": {"x": {"type": "object"}}}
    assert (
        source_problems("x.md.j2", "{{ x.wat_dan_ook }}\n", SchemaScope.of(schema))
        == []
    )


def test_whitespace_rules_are_those_of_composing(settings: Settings) -> None:
    env = make_environment(settings.template_dir)
    assert {key: getattr(env, key) for key in JINJA_WHITESPACE} == dict(
        JINJA_WHITESPACE
    )


def test_render_errors_name_file_and_line(copy: Path, settings: Settings) -> None:
    """A mistake the schema cannot see (a computed value) still names its line."""
    _edit(copy, TERUG, "{{ plan.total | bedrag }}", "{{ plan.totaal | bedrag }}")
    broken = dataclasses.replace(settings, template_dir=copy)
    sample = SAMPLES / "terugvordering-later-inkomsten.json"
    request = decode_request(sample.read_bytes())
    assert json.loads(sample.read_text())["template"] == "terugvordering"
    with pytest.raises(TemplateError) as raised:
        build_letter(request, broken, today=date(2026, 11, 24))
    lines = (copy / TERUG).read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "plan.totaal" in text)
    assert f"{TERUG}:{line}: het veld 'totaal' bestaat niet" in raised.value.message


def test_loop_variables_are_checked_against_the_items() -> None:
    schema = {
        "properties": {
            "stappen": {
                "type": "array",
                "items": {"$ref": "#/$defs/stap"},
            }
        },
        "$defs": {
            "stap": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"bedrag": {"type": "number"}},
            }
        },
    }
    source = "{% for s in stappen %}\n- {{ s.bedrag }} {{ s.bedrg }}\n{% endfor %}\n"
    problems = source_problems("x.md.j2", source, SchemaScope.of(schema))
    assert [str(p) for p in problems] == [
        "x.md.j2:2: het veld 'stappen[].bedrg' bestaat niet in schema.json "
        "('s' staat voor stappen[])"
    ]


LEVERT = "      levert: [regel, feiten]\n    - id: later-inkomsten"

# (`gebruikt` of the inlichtingenplicht block, expected problem or None)
DECLARATIONS = [
    ("[terugvordering.niet_doorgegeven]", None),
    ("[terugvordering]", None),
    (
        "[]",
        f"{BLOCK}:3: het blok leest 'terugvordering.niet_doorgegeven', maar dat "
        "staat niet bij 'gebruikt' van dit blok in terugvordering/template.yaml",
    ),
    (
        "[terugvordering.niet_doorgegeven, terugvordering.bestaat_niet]",
        "terugvordering/template.yaml:20: 'gebruikt' noemt "
        "'terugvordering.bestaat_niet', maar dat veld staat niet in schema.json",
    ),
    ("[terugvordering.periode.van]", f"{BLOCK}:3: het blok leest"),
]


@pytest.mark.parametrize(("declared", "expected"), DECLARATIONS)
def test_a_motivation_block_declares_what_it_reads(
    copy: Path, declared: str, expected: str | None
) -> None:
    _edit(
        copy,
        "terugvordering/template.yaml",
        LEVERT,
        f"      levert: [regel, feiten]\n      gebruikt: {declared}\n"
        "    - id: later-inkomsten",
    )
    if expected is None:
        block = (
            load_library(copy)
            .get("terugvordering")
            .motivation_block("inlichtingenplicht")
        )
        assert block is not None and block.uses
        return
    with pytest.raises(TemplateSourceError) as raised:
        load_library(copy)
    assert any(f.startswith(expected) for f in raised.value.findings), (
        raised.value.findings
    )
