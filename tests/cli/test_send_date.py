"""A preview on the command line is not a send: no refusal, but one Dutch line
when the letter is not dated today (issue 13). The command line dates letters
with the machine's date, so these requests are dated relative to it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from letterforge.compose.norms import dutch_date
from tests.cli.test_letters import run
from tests.conftest import load_sample

SAMPLE = "terugvordering-inlichtingenplicht-zienswijze"
NOTICE = "Verstuurt u hem later? Maak hem dan opnieuw met de datum van die dag"
PAST = "Deze datum is al voorbij. Maak de brief opnieuw met de datum van vandaag."


def _request(folder: Path, name: str, days: int | None, sample: str = SAMPLE) -> Path:
    data = load_sample(sample)
    if days is None:
        data["case"]["zaak"].pop("briefdatum", None)
    else:
        day = date.today() + timedelta(days=days)
        data["case"]["zaak"]["briefdatum"] = day.isoformat()
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("days", "notice"), [(None, None), (0, None), (-3, PAST), (2, NOTICE)]
)
@pytest.mark.parametrize("output", ["text", "docx"])
def test_render_says_when_the_letter_is_not_dated_today(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    days: int | None,
    notice: str | None,
    output: str,
) -> None:
    request = _request(tmp_path, "verzoek", days)
    target = ["-o", str(tmp_path / "brief.docx")] if output == "docx" else []
    code, _, err = run(["render", str(request), *target], capsys)
    assert code == 0, err  # a preview is never refused for its date
    for other in (NOTICE, PAST):
        assert (other in err) == (other == notice)
    if notice:
        day = date.today() + timedelta(days=days or 0)
        assert f"Let op: deze brief heeft als datum {dutch_date(day)}." in err


# Review s4 jurist-elements finding 7: a letter without a bezwaar clause names
# the term that really moves with its date, from what its template declares.
# (sample, the end of the notice for a date two days ahead)
TERMS = [
    (SAMPLE, "anders klopt de termijn voor bezwaar niet."),
    ("aanmaning-boete", "anders klopt de betaaltermijn niet."),
    ("voornemen-terugvordering-erfenis", "anders klopt de reactietermijn niet."),
    (
        "verhaal-alimentatie-uitspraak",
        "anders klopt de termijn van 30 dagen om te betalen of verzet te doen niet.",
    ),
    ("verlenging-beslistermijn-stukken", "anders klopt de hersteltermijn niet."),
    ("wijziging-contactpersoon-kort", "Maak hem dan opnieuw met de datum van die dag."),
]


@pytest.mark.parametrize(("sample", "ending"), TERMS, ids=[t[0] for t in TERMS])
def test_render_names_the_term_that_moves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sample: str, ending: str
) -> None:
    request = _request(tmp_path, "verzoek", 2, sample)
    code, _, err = run(["render", str(request)], capsys)
    assert code == 0, err
    notice = next(line for line in err.splitlines() if NOTICE in line)
    assert notice.endswith(ending), notice


def test_samples_says_it_once_per_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "verzoeken"
    folder.mkdir()
    for name, days in (("a", -3), ("b", -3), ("c", 0)):
        _request(folder, name, days)
    code, out, err = run(["samples", str(folder), "--out", str(tmp_path)], capsys)
    assert code == 0, err
    assert "3 brieven gemaakt" in out
    earlier = dutch_date(date.today() - timedelta(days=3))
    assert err.count("Let op:") == 1
    assert (
        f"Let op: 2 brieven hebben als datum {earlier}. Deze datum is al voorbij. "
        "Maak de brieven opnieuw met de datum van vandaag."
    ) in err


def test_samples_names_the_terms_per_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "verzoeken"
    folder.mkdir()
    for name, sample in (("a", SAMPLE), ("b", "aanmaning-boete"), ("c", SAMPLE)):
        _request(folder, name, 2, sample)
    code, _, err = run(["samples", str(folder), "--out", str(tmp_path)], capsys)
    assert code == 0, err
    later = dutch_date(date.today() + timedelta(days=2))
    lines = [line for line in err.splitlines() if line.startswith("Let op: ")]
    assert lines == [
        f"Let op: deze brief heeft als datum {later}. Verstuurt u hem later? Maak "
        "hem dan opnieuw met de datum van die dag, anders klopt de betaaltermijn "
        "niet.",
        f"Let op: 2 brieven hebben als datum {later}. Verstuurt u ze later? Maak "
        "ze dan opnieuw met de datum van die dag, anders klopt de termijn voor "
        "bezwaar niet.",
    ]
