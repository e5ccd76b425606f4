"""Commands for letters: `render` one request, list the `templates`."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import cast

import click

from letterforge.cli._common import (
    CliError,
    refuse_input_as_output,
    write_atomically,
)
from letterforge.control import Preview, preview_copies, preview_letter, send_date
from letterforge.errors import InputFileError, TemplateSourceError
from letterforge.library import Template
from letterforge.pipeline import (
    FORMATS,
    LetterRequest,
    OutputFormat,
    build_letter,
    decode_request,
    load_library,
)
from letterforge.settings import Settings, load_settings, sample_paths

CONCEPT_NOTICE = (
    "Let op: deze brief heeft controle door een collega nodig. Op elke pagina staat"
    " CONCEPT. Maak de brief via de webpagina of de API om hem te laten goedkeuren."
)


def _read_request(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as e:
        message = f"het bestand '{source}' is niet te lezen: {e.strerror}"
        raise InputFileError(message) from e


@click.command()
@click.argument("request_file", metavar="REQUEST.json")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Waar de brief komt. Zonder -o: tekst naar het scherm.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="docx (standaard met -o), pdf (PDF/A-2) of text. "
    "Overschrijft 'format' in het verzoek; -o BRIEF.pdf kiest pdf.",
)
def render(request_file: str, output: Path | None, output_format: str | None) -> None:
    """Maak een brief van een verzoek (JSON) en schrijf hem naar -o."""
    request = decode_request(_read_request(request_file))
    if output_format:
        chosen = cast(OutputFormat, output_format)  # click.Choice checked it
        request = dataclasses.replace(request, format=chosen)
    elif output is None:
        request = dataclasses.replace(request, format="text")
    elif output.suffix.lower() == ".pdf":
        request = dataclasses.replace(request, format="pdf")
    if request.format in ("docx", "pdf") and output is None:
        kind = request.format
        raise CliError(
            f"een {kind.upper()} kan niet naar het scherm; geef -o BESTAND.{kind}"
        )
    settings = load_settings(dict(os.environ))
    if output is not None:
        refuse_input_as_output(output, request_file)
    preview = preview_letter(request, settings, today=date.today())
    rendered = preview.rendered
    if output is None:
        click.echo(rendered.content.decode("utf-8"), nl=False)
        if rendered.letter.copies:
            count = len(rendered.letter.copies)
            copies = "1 kopie. Die is" if count == 1 else f"{count} kopieën. Die zijn"
            click.echo(
                f"Deze brief heeft {copies} niet gemaakt. Geef -o BESTAND"
                " om elke kopie als eigen brief te maken.",
                err=True,
            )
    else:
        write_atomically(output, rendered.content)
        click.echo(f"Brief gemaakt: {output}", err=True)
        _write_copies(preview, request.format, output)
    if preview.concept:
        click.echo(CONCEPT_NOTICE, err=True)
    # The case checks' warnings (a late decision, an address the person left,
    # an unverified norm) are what a caseworker must see before sending.
    for warning in rendered.letter.warnings:
        where = f"{warning.path}: " if warning.path else ""
        click.echo(f"Let op: {where}{warning.message}", err=True)
    # A preview is not a send: no refusal, but the date must be the send date.
    notice = send_date.preview_notice(
        rendered.letter.meta.letter_date,
        date.today(),
        terms=_shifting_terms(request, settings),
    )
    if notice:
        click.echo(notice, err=True)


def _shifting_terms(request: LetterRequest, settings: Settings) -> tuple[str, ...]:
    """The terms a later send date would make wrong, from what the template
    declares (control/send_date.shifting_terms)."""
    elements = load_library(settings).get(request.template).elements
    return send_date.shifting_terms(elements, request.case)


def copy_path(original: Path, number: int, *, same_person: bool = False) -> Path:
    """Where copy `number` of `original` goes: x.docx -> x.kopie-1.docx; the
    person's own second address (Awb 3:41) is no copy: x.tweede-adres.docx, so a
    post room that sets copies aside does not skip it."""
    if same_person:
        return original.with_name(f"{original.stem}.tweede-adres{original.suffix}")
    return original.with_name(f"{original.stem}.kopie-{number}{original.suffix}")


def _write_copies(
    preview: Preview, output_format: OutputFormat, original: Path
) -> None:
    """Each copy ("kopie aan") as its own file next to the original, one Dutch
    line per file: the CLI sends out what the register would keep."""
    copies = zip(
        preview_copies(preview, output_format),
        preview.rendered.letter.copies,
        strict=True,
    )
    for number, ((name, copy), recipient) in enumerate(copies, start=1):
        target = copy_path(original, number, same_person=recipient.same_person)
        write_atomically(target, copy.content)
        if recipient.same_person:
            # The person's own second address (Awb 3:41): the same letter, no copy.
            click.echo(
                f"Brief voor het tweede adres gemaakt ({name}): {target}", err=True
            )
        else:
            click.echo(f"Kopie gemaakt voor {name}: {target}", err=True)


@click.group(invoke_without_command=True)
@click.pass_context
def templates(context: click.Context) -> None:
    """Toon de sjablonen: id, versie en titel."""
    if context.invoked_subcommand is not None:
        return
    library = load_library(load_settings(dict(os.environ)))
    for template in library.templates():
        click.echo(f"{template.id}\t{template.version}\t{template.title}")


@templates.command("lint")
def templates_lint() -> None:
    """Controleer alle sjablonen zonder zaakgegevens: velden, blokken, taal."""
    from letterforge.assess import glossary_for
    from letterforge.compose import lint_facts
    from letterforge.library.lint import lint_library, shared_block_problems

    settings = load_settings(dict(os.environ))
    glossary = glossary_for(settings)
    try:
        library = load_library(settings)
    except TemplateSourceError as e:
        # Mistakes that would change letters silently: one `FILE:LINE: melding`
        # per line, so an editor can jump to each.
        for line in e.findings:
            click.echo(line)
        raise CliError(
            f"{len(e.findings)} problemen in de sjablonen", exit_code=1
        ) from e
    problems = lint_library(library, glossary, lint_facts())
    problems += shared_block_problems(settings.template_dir, glossary)
    for problem in problems:
        click.echo(str(problem))
    count = len(problems) + len(_sample_element_problems(settings))
    if count:
        raise CliError(f"{count} problemen in de sjablonen", exit_code=1)
    click.echo("Alle sjablonen zijn in orde.")


def _sample_element_problems(settings: Settings) -> list[str]:
    """Each sample letter checked against its template's legal elements
    (library/elements.py), so an edit that drops a required element fails."""
    from letterforge.library.elements import missing_elements
    from letterforge.render import render_text

    problems = []
    for path in sample_paths(settings):
        request = decode_request(path.read_bytes())
        letter = build_letter(request, settings, today=date.today())
        template = load_library(settings).get(request.template)
        text = render_text(letter)
        for missing in missing_elements(template.elements, text, request.case):
            problems.append(f"{path.name}: {missing}")
            click.echo(problems[-1])
        problems += _clarity_problems(settings, template, text, path.name)
    return problems


def _clarity_problems(
    settings: Settings, template: Template, text: str, sample: str
) -> list[str]:
    """The clarity gate (library/clarity.py) on one sample letter: errors count,
    warnings are shown only."""
    from letterforge.library.clarity import clarity_findings

    source = (settings.template_dir / template.source).read_text(encoding="utf-8")
    errors = []
    for finding in clarity_findings(text, file=template.source, source=source):
        if finding.severity == "fout":
            errors.append(f"{finding} ({sample})")
            click.echo(errors[-1])
        else:
            click.echo(f"waarschuwing: {finding} ({sample})")
    return errors


@click.command()
@click.argument(
    "folder",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    required=False,
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    help="De map voor de brieven (standaard: out).",
)
def samples(folder: Path | None, out: Path) -> None:
    """Maak van elk verzoek in FOLDER een DOCX in --out, en van elke kopie ook.

    Zonder FOLDER: de voorbeelden van deze installatie (LETTERFORGE_SAMPLES_DIR,
    standaard de map samples naast de sjablonen)."""
    settings = load_settings(dict(os.environ))
    if folder is None:
        folder = settings.samples_dir
    paths = sample_paths(dataclasses.replace(settings, samples_dir=folder))
    if not paths:
        raise CliError(f"geen verzoeken (*.json) gevonden in '{folder}'")
    out.mkdir(parents=True, exist_ok=True)
    today = date.today()
    dates: Counter[tuple[date, tuple[str, ...]]] = Counter()
    for path in paths:
        request = dataclasses.replace(decode_request(path.read_bytes()), format="docx")
        preview = preview_letter(request, settings, today=today)
        day = preview.rendered.letter.meta.letter_date
        dates[day, _shifting_terms(request, settings)] += 1
        target = out / f"{path.stem}.docx"
        write_atomically(target, preview.rendered.content)
        mark = "  CONCEPT" if preview.concept else ""
        click.echo(f"{target}  ({preview.rendered.letter.meta.subject}){mark}")
        sendings = zip(
            preview_copies(preview, "docx"), preview.rendered.letter.copies, strict=True
        )
        for number, ((name, copy), recipient) in enumerate(sendings, 1):
            own = recipient.same_person
            copy_target = copy_path(target, number, same_person=own)
            write_atomically(copy_target, copy.content)
            what = "tweede adres van" if own else "kopie voor"
            click.echo(f"{copy_target}  ({what} {name}){mark}")
    click.echo(f"{len(paths)} brieven gemaakt in {out.resolve()}")
    # One line per date (and per set of terms), not per letter: a preview is
    # not a send. A date already past is one line, whatever the terms.
    per_line: Counter[tuple[date, tuple[str, ...]]] = Counter()
    for (day, terms), count in dates.items():
        per_line[day, () if day < today else terms] += count
    for (day, terms), count in sorted(per_line.items()):
        notice = send_date.preview_notice(day, today, count, terms)
        if notice:
            click.echo(notice, err=True)


COMMANDS = [render, samples, templates]
