"""`letterforge check`: the readability report for a file, stdin or JSON Lines.

Exit codes, for use as a gate in scripts: 0 the check ran (with --strict: and the
text meets B1), 1 with --strict: the text does not meet B1, 2 a file we cannot
read, a file without any text (no score, no verdict) or an --annotate path we
refuse (one Dutch line on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

from letterforge.case.limits import text_problems
from letterforge.cli._common import CliError, write_atomically
from letterforge.readability import (
    EmptyText,
    Finding,
    Glossary,
    Report,
    load_glossary,
)
from letterforge.readability.docx_text import (
    PARTLY_READ,
    PARTLY_READ_STRICT,
    WORD_SUFFIXES,
    DocxText,
    Paragraph,
    UnreadableDocument,
    decode_text,
    empty_reason,
    os_reason,
    read_file,
)
from letterforge.readability.language import NO_DUTCH, analyze_dutch
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


def _verdict(report: Report, incomplete: bool = False) -> str:
    """One line that never contradicts itself: the verdict says why, and says
    when it holds only for the part of the file we could read."""
    score = f"{report.score:.1f}".replace(".", ",")
    if report.meets_b1:
        said = PARTLY_READ if incomplete else "De tekst voldoet aan B1."
        return f"{said} Score {score} van 100 · niveau {report.level}."
    errors = sum(f.severity == "error" for f in report.findings)
    why = f"{errors} fout{'en' if errors != 1 else ''} hieronder"
    return (
        f"De tekst voldoet nog niet aan B1 ({why})."
        f" Score {score} van 100 · niveau {report.level}."
    )


def _contributions(report: Report) -> str:
    from letterforge.readability.features import FEATURES

    parts = [
        f"{f.label} {report.contributions[f.name]:+.1f}".replace(".", ",")
        for f in FEATURES
        if abs(report.contributions.get(f.name, 0.0)) >= 0.05
    ]
    return "Waar de score vandaan komt (punten): " + "; ".join(parts) + "."


def _human(
    report: Report,
    colour: bool,
    source: DocxText | None = None,
    extra: tuple[str, ...] = (),
) -> str:
    text = report.text
    incomplete = source is not None and source.incomplete
    lines = [_verdict(report, incomplete), _contributions(report)]
    if source is not None:
        lines += source.notices()
    lines += extra
    lines += ["", _marked_text(text, report.findings, colour).rstrip(), ""]
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
        raise CliError(f"{path}: {os_reason(e)}", 2) from e
    settings = load_settings(os.environ)
    return render_text(build_letter(decode_request(raw), settings, today=date.today()))


def _plain(text: str) -> DocxText:
    return DocxText((Paragraph("text", text),), False, False)


def _read_source(source: str) -> DocxText:
    """The text to check; a file we cannot read is exit code 2 with a Dutch line."""
    try:
        if source == "-":
            return _plain(decode_text(sys.stdin.buffer.read()))
        if source.lower().endswith(".json"):
            return _plain(_letter_text(Path(source)))
        return read_file(Path(source))
    except UnreadableDocument as e:
        raise CliError(f"{source}: {e.reason}", 2) from e


def _annotate(
    source: str, read: DocxText, report: Report, out: str, extra: tuple[str, ...]
) -> str | None:
    """Write the annotated file; a Dutch reason when this .docx cannot get
    comments (Strict Open XML, a part python-docx cannot open): the caller
    still prints the report, then stops with exit code 2."""
    if source.lower().endswith(WORD_SUFFIXES[1:]):
        raise CliError(
            "--annotate werkt alleen met een Word-document (.docx). Sla uw sjabloon"
            " of bestand met macro's op als Word-document (.docx) en probeer het"
            " opnieuw.",
            2,
        )
    if not source.lower().endswith(".docx"):
        raise CliError("--annotate werkt alleen met een Word-bestand (.docx)", 2)
    target = Path(out)
    if target.resolve() == Path(source).resolve():
        raise CliError(
            "--annotate: kies een ander bestand dan het bestand dat u controleert."
            " Wij schrijven uw bestand niet over.",
            2,
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(
            f"--annotate: de map '{folder}' bestaat niet. Maak de map eerst, of"
            " kies een andere map.",
            2,
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CliError(f"--annotate: u mag niet schrijven in de map '{folder}'.", 2)
    try:
        content = Path(source).read_bytes()
    except OSError as e:
        raise CliError(f"{source}: {os_reason(e)}", 2) from e
    # Imported here: python-docx is not needed to check a text (cold start).
    from letterforge.readability.annotate import CannotAnnotate, annotate_docx

    try:
        annotated = annotate_docx(content, read, report, extra)
    except CannotAnnotate as e:
        return f"{source}: {e.reason}"
    try:
        write_atomically(target, annotated)
    except CliError as e:
        raise CliError(e.message, 2) from e  # a file problem: exit code 2
    return None


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
        try:
            checked, foreign = analyze_dutch(text, glossary=glossary)
            report = checked.to_dict()
            if foreign:
                report["notices"] = [foreign]
        except EmptyText as e:
            failed += 1
            error = f"regel {number}: {e.reason}"
            click.echo(json.dumps({"id": item_id, "fout": error}, ensure_ascii=False))
            continue
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
@click.option(
    "--strict",
    is_flag=True,
    help="Stop met code 1 als de tekst niet aan B1 voldoet (voor scripts).",
)
@click.option(
    "--annotate",
    "annotate",
    metavar="UIT.docx",
    help="Schrijf het Word-bestand terug met elke opmerking als opmerking in Word.",
)
def check(source: str, output: str, strict: bool, annotate: str | None) -> None:
    """Meet of een tekst B1 is en laat zien wat beter kan.

    BESTAND is .txt, .md, .docx, een verzoek (.json, zoals in samples/) of - (stdin).
    Stopcode: 0 gelukt, 1 niet B1 (met --strict), 2 bestand niet leesbaar.
    """
    glossary = _glossary()
    if output == "jsonl":
        if source != "-":
            raise CliError("--format jsonl leest van stdin; geef '-' als bestand", 2)
        if _jsonl(glossary):
            raise CliError("niet alle regels konden worden gelezen (zie 'fout')")
        return
    read = _read_source(source)
    too_big = text_problems(read.text, "tekst")  # bounded work, as in the API
    if too_big:
        raise CliError(f"de tekst {too_big[0].message}")
    try:
        report, foreign = analyze_dutch(
            read.text, glossary=glossary, marks=read.language_marks()
        )
    except EmptyText as e:
        # No words: no score and no verdict, and a gate must not pass (exit 2).
        # Words in another language: that reason, then what else was not read.
        reason = (
            " ".join([e.reason, *read.notices()])
            if e.reason.startswith(NO_DUTCH)
            else empty_reason(read, e.reason)
        )
        raise CliError(f"{source}: {reason}", 2) from e
    extra = (foreign,) if foreign else ()
    refused = _annotate(source, read, report, annotate, extra) if annotate else None
    if output == "json":
        data = report.to_dict()
        if source.lower().endswith(WORD_SUFFIXES):
            data["document"] = {
                "tracked_changes": read.tracked_changes,
                "strict_open_xml": read.strict,
                "hidden_text": read.hidden_text,
                "unseen_text": read.unseen_text,
                "comments": read.comments,
                "unread_parts": read.unread_parts,
                # Visible text we did not read: meets_b1 holds for the rest only.
                "incomplete": read.incomplete,
                "placeholders": list(read.placeholders),
                "merge_fields": list(read.merge_fields),
                "notices": [*read.notices(), *extra],
                "unread": list(read.unread_kinds),
                "drawn_texts": list(read.drawn_texts),
                "pictures": list(read.pictures),
            }
            # The text the offsets point into: read from Word, a script cannot
            # rebuild it.
            data["tekst"] = report.text
        elif extra:
            data["notices"] = list(extra)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(_human(report, sys.stdout.isatty(), read, extra))
    if refused:
        raise CliError(refused, 2)
    if strict and not report.meets_b1:
        raise CliError("de tekst voldoet niet aan B1", 1)
    if strict and read.incomplete:
        # A gate must not pass a text we did not wholly read.
        raise CliError(PARTLY_READ_STRICT, 1)


COMMANDS = [check]
