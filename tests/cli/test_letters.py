"""The command-line contract: exit codes, Dutch lines on stderr, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from letterforge.cli import main
from tests.conftest import SAMPLES_DIR, load_sample, sample_paths

SAMPLE = SAMPLES_DIR / "terugvordering-inlichtingenplicht-zienswijze.json"


def write_request(tmp_path: Path, body: Any) -> Path:
    path = tmp_path / "verzoek.json"
    text = body if isinstance(body, str) else json.dumps(body)
    path.write_text(text, encoding="utf-8")
    return path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_render_writes_a_docx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.docx"
    code, _, err = run(["render", str(SAMPLE), "-o", str(target)], capsys)
    assert code == 0, err
    document = docx.Document(str(target))
    assert any("€\xa01.829,60" in p.text for p in document.paragraphs)
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_render_text_prints_the_letter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["render", str(SAMPLE), "--format", "text"], capsys)
    assert code == 0
    assert "Wat hebben we besloten?" in out
    assert "Daarom vorderen wij €\xa01.829,60 van u terug." in out


def bad_requests() -> list[Any]:
    unknown = load_sample("terugvordering-later-inkomsten")
    unknown["template"] = "niet-er"
    invalid = load_sample("terugvordering-later-inkomsten")
    invalid["case"]["terugvordering"]["bedrag"] = -3
    del invalid["case"]["ontvanger"]["adres"]
    return [
        pytest.param(
            '{"template": ',
            ["Fout: het verzoek is geen geldige JSON"],
            id="malformed-json",
        ),
        pytest.param(
            "[1, 2]",
            ["Fout: het verzoek moet een JSON-object zijn"],
            id="not-an-object",
        ),
        pytest.param(
            {"case": {}},
            ["Fout: template: geef het id van een sjabloon"],
            id="no-template",
        ),
        pytest.param(
            unknown,
            ["Fout: template: het sjabloon 'niet-er' bestaat niet"],
            id="unknown-template",
        ),
        pytest.param(
            invalid,
            [
                "Fout: ontvanger.adres: dit veld ontbreekt",
                "Fout: terugvordering.bedrag: moet groter dan 0 zijn",
            ],
            id="invalid-case",
        ),
    ]


@pytest.mark.parametrize(("body", "lines"), bad_requests())
def test_bad_request_gives_dutch_lines_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: Any, lines: list[str]
) -> None:
    target = tmp_path / "brief.docx"
    code, _, err = run(
        ["render", str(write_request(tmp_path, body)), "-o", str(target)], capsys
    )
    assert code != 0
    got = err.splitlines()
    assert len(got) == len(lines)
    assert all(
        line.startswith(expected) for line, expected in zip(got, lines, strict=True)
    )
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verzoek.json"]


def test_failed_render_leaves_an_existing_file_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.docx"
    target.write_bytes(b"oude brief")
    code, _, _ = run(
        ["render", str(write_request(tmp_path, "{")), "-o", str(target)], capsys
    )
    assert code == 1
    assert target.read_bytes() == b"oude brief"


def test_missing_request_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["render", "bestaat-niet.json", "-o", "x.docx"], capsys)
    assert code == 1
    assert err.startswith("Fout: het bestand 'bestaat-niet.json' is niet te lezen")


def test_unwritable_output_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["render", str(SAMPLE), "-o", str(tmp_path / "geen-map" / "brief.docx")], capsys
    )
    assert code == 1
    assert err.startswith("Fout: kan niet schrijven in de map")


def test_docx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["render", str(SAMPLE), "--format", "docx"], capsys)
    assert code == 1
    assert "geef -o" in err


def test_templates_lists_id_version_and_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["templates"], capsys)
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert {"terugvordering", "afwijzing-bijstand", "verlenging-beslistermijn"} <= {
        r[0] for r in rows
    }
    assert all(len(r) == 3 and len(r[1]) == 12 for r in rows)


def test_samples_renders_every_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["samples", str(SAMPLES_DIR), "--out", str(tmp_path)], capsys)
    assert code == 0
    made = sorted(
        p.stem
        for p in tmp_path.glob("*.docx")
        if ".kopie-" not in p.name and ".tweede-adres" not in p.name
    )
    assert made == sorted(p.stem for p in sample_paths())
    assert f"{len(made)} brieven gemaakt" in out
    # Every copy of every sample is its own letter next to its original.
    for path in sample_paths():
        copies = load_sample(path.stem)["case"]["ontvanger"].get("kopie_aan", [])
        for number, _ in enumerate(copies, start=1):
            copy = tmp_path / f"{path.stem}.kopie-{number}.docx"
            assert f"{copy}  (kopie voor " in out
            text = "\n".join(p.text for p in docx.Document(str(copy)).paragraphs)
            assert "Dit is een kopie." in text
    # A second address of the person himself is the same letter, not a copy.
    second = tmp_path / "afwijzing-bijstand-woonplaats-zienswijze.tweede-adres.docx"
    assert f"{second}  (tweede adres van De heer K. Mensah, " in out


def test_installed_command_exits_non_zero_on_error(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("letterforge")
    result = subprocess.run(
        [
            str(script),
            "render",
            str(write_request(tmp_path, "nee")),
            "-o",
            str(tmp_path / "x.docx"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Fout: het verzoek is geen geldige JSON")


COPY_SAMPLE = "opschorting-kopie-schuldhulp"


def with_copies(copies: list[dict[str, Any]]) -> dict[str, Any]:
    request = load_sample(COPY_SAMPLE)
    request["case"]["ontvanger"]["kopie_aan"] = copies
    return request


def a_copy(name: str, **basis: Any) -> dict[str, Any]:
    return {
        "organisatie": name,
        "postbus": {"nummer": "456", "postcode": "9999 ZY", "plaats": "Voorbeeld"},
        **basis,
    }


CONSENT = {"toestemming": {"datum": "2026-10-27"}}
DUTY = {"wettelijke_plicht": "artikel 64 Participatiewet"}


@pytest.mark.parametrize(
    ("copies", "suffix"),
    [
        pytest.param([a_copy("Schuldhulp Voorbeeld", **CONSENT)], "docx", id="one"),
        pytest.param(
            [a_copy("Schuldhulp Voorbeeld", **CONSENT), a_copy("UWV", **DUTY)],
            "docx",
            id="two",
        ),
        pytest.param([a_copy("UWV", **DUTY)], "txt", id="text"),
    ],
)
def test_render_writes_each_copy_next_to_the_original(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    copies: list[dict[str, Any]],
    suffix: str,
) -> None:
    target = tmp_path / f"brief.{suffix}"
    request = write_request(tmp_path, with_copies(copies))
    extra = ["--format", "text"] if suffix == "txt" else []
    code, _, err = run(["render", str(request), "-o", str(target), *extra], capsys)
    assert code == 0, err
    for number, copy in enumerate(copies, start=1):
        path = tmp_path / f"brief.kopie-{number}.{suffix}"
        assert f"Kopie gemaakt voor {copy['organisatie']}: {path}" in err
        if suffix == "txt":
            text = path.read_text(encoding="utf-8")
        else:
            text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        assert "Dit is een kopie. De brief zelf hebben wij gestuurd aan" in text
    made = {p.name for p in tmp_path.iterdir()} - {"verzoek.json"}
    assert len(made) == 1 + len(copies)


def test_render_names_a_second_address_of_the_person_as_no_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = json.loads(
        (SAMPLES_DIR / "afwijzing-bijstand-woonplaats-zienswijze.json").read_text(
            "utf-8"
        )
    )
    request = tmp_path / "verzoek.json"
    request.write_text(json.dumps(sample), encoding="utf-8")
    target = tmp_path / "brief.docx"
    code, _, err = run(["render", str(request), "-o", str(target)], capsys)
    assert code == 0, err
    second = tmp_path / "brief.tweede-adres.docx"
    assert "Brief voor het tweede adres gemaakt (De heer K. Mensah, " in err
    assert str(second) in err and "Kopie gemaakt" not in err
    assert second.exists() and not (tmp_path / "brief.kopie-1.docx").exists()


def test_render_without_a_file_says_the_copies_were_not_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    request = write_request(
        tmp_path, with_copies([a_copy("Schuldhulp Voorbeeld", **CONSENT)])
    )
    code, out, err = run(["render", str(request), "--format", "text"], capsys)
    assert code == 0
    assert "Kopie aan: Schuldhulp Voorbeeld" in out
    assert "Deze brief heeft 1 kopie. Die is niet gemaakt." in err


@pytest.mark.parametrize("command", ["render", "samples"])
def test_a_copy_without_consent_or_duty_is_refused_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = tmp_path / "verzoeken"
    folder.mkdir()
    request = folder / "verzoek.json"
    request.write_text(json.dumps(with_copies([a_copy("Buurman")])), "utf-8")
    out_dir = tmp_path / "uit"
    if command == "render":
        args = ["render", str(request), "-o", str(out_dir / "brief.docx")]
        out_dir.mkdir()
    else:
        args = ["samples", str(folder), "--out", str(out_dir)]
    code, _, err = run(args, capsys)
    assert code != 0
    assert "ontvanger.kopie_aan.0.toestemming" in err
    assert not list(out_dir.glob("*.docx"))


@pytest.mark.parametrize(
    ("sample", "change", "warning"),
    [
        # A Wmo decision after its two-week term (Wmo 2015 art. 2.3.5 lid 2).
        (
            "wmo-toekenning-natura",
            ("zaak", "briefdatum", "2026-12-10"),
            "2.3.5 lid 2",
        ),
    ],
)
def test_render_prints_every_case_warning(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sample: str,
    change: tuple[str, str, str],
    warning: str,
) -> None:
    """A caseworker on the command line sees what the web form and the API show:
    each warning of the case checks as a Dutch 'Let op:' line."""
    body = load_sample(sample)
    section, field, value = change
    body["case"][section][field] = value
    code, _, err = run(
        ["render", str(write_request(tmp_path, body)), "-o", str(tmp_path / "b.docx")],
        capsys,
    )
    assert code == 0, err
    assert any(
        line.startswith("Let op: ") and warning in line for line in err.splitlines()
    ), err
