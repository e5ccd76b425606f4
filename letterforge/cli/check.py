"""`letterforge check`: the readability report for a file, stdin or JSON Lines."""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

from letterforge.case.limits import text_problems
from letterforge.cli._common import CliError
from letterforge.documents import decode_text, read_document
from letterforge.readability import Finding, Glossary, Report, analyze, load_glossary
from letterforge.settings import load_settings

SEVERITY_LABELS = {"error": "fout", "warning": "let op", "hint": "tip"}
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "hint": "cyan"}


@lru_cache(maxsize=1)
def _glossary() -> Glossary:
    return load_glossary(load_settings(os.environ).glossary_dir)


def _marked_text(text: str, findings: tuple[Finding, ...], colour: bool) -> str:
    """The text with every finding's span marked and numbered."""
    out: list[str] = []
    cursor = 0
    for number, finding in enumerate(findings, start=1):
        if finding.start < cursor or finding.end - finding.start >= len(text):
            continue  # overlapping spans and whole-text findings are listed only
        span = text[finding.start : finding.end]
        mark = (
            click.style(span, fg=SEVERITY_COLOURS[finding.severity], underline=True)
            if colour
            else f"[{span}]"
        )
        out += [text[cursor : finding.start], f"{mark}⁽{number}⁾"]
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _human(text: str, report: Report, colour: bool) -> str:
    verdict = "ja" if report.meets_b1 else "nee"
    lines = [
        f"Score {report.score} van 100 · niveau {report.level}"
        f" · voldoet aan B1: {verdict}",
        "",
        _marked_text(text, report.findings, colour).rstrip(),
        "",
    ]
    for number, f in enumerate(report.findings, start=1):
        label = SEVERITY_LABELS[f.severity]
        if colour:
            label = click.style(label, fg=SEVERITY_COLOURS[f.severity], bold=True)
        lines.append(f"{number}. {label} (regel {_line_of(text, f.start)}) {f.message}")
        lines.append(f"   {f.suggestion}")
    if not report.findings:
        lines.append("Geen opmerkingen.")
    return "\n".join(lines)


def _letter_text(path: Path) -> str:
    """A REQUEST file (as in samples/): the text of the letter it makes."""
    from datetime import date

    from letterforge.pipeline import build_letter, decode_request
    from letterforge.render import render_text

    try:
        raw = path.read_bytes()
    except OSError as e:
        raise CliError(f"{path}: kan het bestand niet lezen ({e.strerror})") from e
    settings = load_settings(os.environ)
    return render_text(build_letter(decode_request(raw), settings, today=date.today()))


def _read_source(source: str) -> str:
    if source == "-":
        return decode_text(sys.stdin.buffer.read(), "stdin")
    if source.lower().endswith(".json"):
        return _letter_text(Path(source))
    return read_document(Path(source))


def _jsonl_item(line: str) -> tuple[Any, str | None]:
    """The id and text of one JSON Lines record; text None when it is unusable."""
    try:
        item = json.loads(line)
    except ValueError:
        return None, None
    if not isinstance(item, dict):
        return None, None
    text = item.get("text")
    return item.get("id"), text if isinstance(text, str) else None


def _jsonl(glossary: Glossary) -> int:
    """One report per input line, with its id; a line we cannot read gets 'fout'."""
    failed = 0
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        item_id, text = _jsonl_item(line)
        too_big = text_problems(text, "text") if text is not None else []
        if too_big:
            failed += 1
            error = f"regel {number}: de tekst {too_big[0].message}"
            click.echo(json.dumps({"id": item_id, "fout": error}, ensure_ascii=False))
            continue
        if text is None:
            failed += 1
            error = f"regel {number}: verwacht een object met 'id' en 'text' (tekst)"
            click.echo(json.dumps({"id": item_id, "fout": error}, ensure_ascii=False))
            continue
        report = analyze(text, glossary=glossary).to_dict()
        click.echo(json.dumps({"id": item_id, **report}, ensure_ascii=False))
    return failed


@click.command()
@click.argument("source", metavar="BESTAND|-")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text: verslag; json: één rapport; jsonl: regels {id, text} van stdin.",
)
def check(source: str, output: str) -> None:
    """Meet of een tekst B1 is en laat zien wat beter kan.

    BESTAND is .txt, .md, .docx, een verzoek (.json, zoals in samples/) of - (stdin).
    """
    glossary = _glossary()
    if output == "jsonl":
        if source != "-":
            raise CliError("--format jsonl leest van stdin; geef '-' als bestand", 2)
        if _jsonl(glossary):
            raise CliError("niet alle regels konden worden gelezen (zie 'fout')")
        return
    text = _read_source(source)
    too_big = text_problems(text, "tekst")  # bounded work, as in the API (issue 14)
    if too_big:
        raise CliError(f"de tekst {too_big[0].message}")
    report = analyze(text, glossary=glossary)
    if output == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(_human(text, report, colour=sys.stdout.isatty()))


COMMANDS = [check]
