"""The glossary data and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from letterforge.readability import Glossary, GlossaryError, load_glossary


def test_the_glossary_has_at_least_250_entries_of_every_kind(
    glossary: Glossary,
) -> None:
    kinds = {e.kind for e in glossary.entries}
    assert len(glossary) >= 250
    assert kinds == {"ambtelijk", "vakterm", "afkorting"}
    for entry in glossary.entries:
        assert entry.alternative or entry.explanation, entry.term


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Indien u wilt", "indien"),
        ("in het kader van de wet", "in het kader van"),
        ("in  het\nkader van", "in het kader van"),  # any whitespace between words
        ("de verstrekkers", None),  # not a listed form
        ("wij verstrekte", "verstrekken"),
        ("Wij verstrekken het", "verstrekken"),
        ("de beslagvrije voet", "beslagvrije voet"),
    ],
)
def test_find_matches_forms_case_insensitively(
    glossary: Glossary, text: str, term: str | None
) -> None:
    found = [m.entry.term for m in glossary.find(text)]
    assert found == ([term] if term else [])


def test_search_finds_by_term_and_explanation(glossary: Glossary) -> None:
    assert "kostendelersnorm" in [e.term for e in glossary.search("volwassenen")]
    assert "indien" in [e.term for e in glossary.search("indien")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("termen:\n  - {term: x, soort: ambtelijk, alternatief: y}\n", "termen/0/term"),
        (
            "termen:\n  - {term: indien, soort: raar, alternatief: als}\n",
            "termen/0/soort",
        ),
        ("termen:\n  - {term: indien, alternatief: als}\n", "geef een soort"),
        ("soort: ambtelijk\ntermen:\n  - {term: indien}\n", "termen/0"),
    ],
)
def test_bad_files_are_refused_with_file_and_entry(
    tmp_path: Path, content: str, message: str
) -> None:
    (tmp_path / "fout.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message) as raised:
        load_glossary(tmp_path)
    assert "fout.yaml" in str(raised.value)


def test_a_term_may_appear_only_once(tmp_path: Path) -> None:
    entry = "termen:\n  - {term: indien, soort: ambtelijk, alternatief: als}\n"
    (tmp_path / "a.yaml").write_text(entry, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(GlossaryError, match="staat ook in a.yaml"):
        load_glossary(tmp_path)
