"""`letterforge batch`: many letters at once, in parallel, resumable.

For example the yearly change of norm amounts to every client. Each line of the
JSON Lines input is one REQUEST. Letters go to DIR as <line>-<kenmerk>-<template>.docx;
a line that fails is written to DIR/fouten.jsonl with its line number and the Dutch
problems, and the batch goes on. Finished line numbers are kept in DIR/.klaar, so a
second run after a stop continues where the first one stopped, and tries the failed
lines again (fix them in the input first).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import click

from letterforge.cli._common import CliError, write_atomically
from letterforge.errors import LetterforgeError
from letterforge.pipeline import decode_request, render_request
from letterforge.settings import Settings, load_settings

DONE_FILE = ".klaar"
ERRORS_FILE = "fouten.jsonl"
CHUNK = 64

_settings: Settings | None = None


def _worker_settings() -> Settings:
    global _settings  # one Settings per worker process, read once
    if _settings is None:
        _settings = load_settings(dict(os.environ))
    return _settings


def render_line(job: tuple[int, str, str, str]) -> dict[str, Any]:
    """Render one input line in a worker; return what happened, never raise."""
    number, line, out, today = job
    try:
        rendered = render_request(
            decode_request(line), _worker_settings(), today=date.fromisoformat(today)
        )
    except LetterforgeError as e:
        return {"regel": number, "fouten": e.lines()}
    target = Path(out) / f"{number:06d}-{rendered.filename}"
    write_atomically(target, rendered.content)
    return {"regel": number, "bestand": target.name}


def _done(out: Path) -> set[int]:
    path = out / DONE_FILE
    if not path.exists():
        return set()
    return {int(n) for n in path.read_text(encoding="utf-8").split()}


def _jobs(
    source: Path, out: Path, skip: set[int], today: str
) -> Iterator[tuple[int, str, str, str]]:
    with source.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip() and number not in skip:
                yield number, line, str(out), today


def _count_lines(source: Path) -> int:
    with source.open(encoding="utf-8") as lines:
        return sum(1 for line in lines if line.strip())


def _run(
    jobs: Iterator[tuple[int, str, str, str]], out: Path, workers: int, total: int
) -> tuple[int, int]:
    """Render in worker processes; record every finished line as it comes in."""
    made = failed = 0
    bar: Any = click.progressbar(length=total, label="Brieven", file=sys.stderr)
    with (
        ProcessPoolExecutor(workers) as pool,
        bar,
        (out / DONE_FILE).open("a", encoding="utf-8") as done,
        (out / ERRORS_FILE).open("a", encoding="utf-8") as errors,
    ):
        for result in pool.map(render_line, jobs, chunksize=CHUNK):
            if "fouten" in result:
                failed += 1
                errors.write(json.dumps(result, ensure_ascii=False) + "\n")
            else:
                made += 1
                # Only finished letters count as done: a failed line is tried again.
                done.write(f"{result['regel']}\n")
            bar.update(1)
    return made, failed


@click.command()
@click.argument(
    "requests", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Map voor de brieven.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default=True,
    help="Aantal processen.",
)
def batch(requests: Path, out: Path, workers: int) -> None:
    """Maak veel brieven tegelijk uit een JSON Lines-bestand; hervat na een stop."""
    out.mkdir(parents=True, exist_ok=True)
    skip = _done(out)
    total = _count_lines(requests) - len(skip)
    today = date.today().isoformat()
    made, failed = _run(_jobs(requests, out, skip, today), out, workers, total)
    click.echo(
        f"{made} brieven gemaakt in {out}; {failed} regels met fouten"
        + (f" (zie {out / ERRORS_FILE})" if failed else "")
        + "."
    )
    if failed:
        raise CliError(f"{failed} regels konden niet worden gemaakt", exit_code=1)


COMMANDS = [batch]
