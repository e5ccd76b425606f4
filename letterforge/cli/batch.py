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
from letterforge.control import preview_letter
from letterforge.control.batch_file import numbered_lines
from letterforge.errors import LetterforgeError, Problem, RequestError
from letterforge.pipeline import decode_request
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


BOM = b"\xef\xbb\xbf"


def _line_text(raw: bytes) -> str:
    """One line as UTF-8 text; a BOM or another encoding is this line's failure."""
    if raw.startswith((BOM, b"\xff\xfe", b"\xfe\xff")):
        message = (
            "de regel begint met een BOM-teken; sla het bestand op als UTF-8 zonder BOM"
        )
        raise RequestError(message, (Problem("", message, "encoding"),))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        message = (
            f"de regel is geen UTF-8 (teken {e.start + 1}); sla het bestand op"
            " als UTF-8"
        )
        raise RequestError(message, (Problem("", message, "encoding"),)) from e


def render_line(job: tuple[int, bytes, str, str]) -> dict[str, Any]:
    """Render one input line in a worker; return what happened, never raise.

    The same rules as everywhere (letterforge.control): a letter that needs a
    second person's check is written marked CONCEPT on every page, with CONCEPT in
    its file name, and counted apart."""
    number, raw, out, today = job
    try:
        request = decode_request(_line_text(raw))
        preview = preview_letter(
            request, _worker_settings(), today=date.fromisoformat(today)
        )
    except LetterforgeError as e:
        return {"regel": number, "fouten": e.lines()}
    rendered = preview.rendered
    prefix = "CONCEPT-" if preview.concept else ""
    target = Path(out) / f"{number:06d}-{prefix}{rendered.filename}"
    write_atomically(target, rendered.content)
    return {"regel": number, "bestand": target.name, "concept": preview.concept}


def _done(out: Path) -> set[int]:
    path = out / DONE_FILE
    if not path.exists():
        return set()
    # A crash can leave half a last line ("12" of "123"): only lines that end
    # with their newline count.
    lines = path.read_text(encoding="utf-8").split("\n")[:-1]
    return {int(n) for n in lines if n.isdigit()}


def _lines(source: Path) -> Iterator[tuple[int, bytes]]:
    """Lines as bytes, so that one badly encoded line cannot stop the others;
    numbered as on every batch path (batch_file.numbered_lines)."""
    with source.open("rb") as lines:
        yield from numbered_lines(lines)


def _jobs(
    source: Path, out: Path, skip: set[int], today: str
) -> Iterator[tuple[int, bytes, str, str]]:
    for number, line in _lines(source):
        if number not in skip:
            yield number, line, str(out), today


def _count_lines(source: Path, skip: set[int]) -> int:
    return sum(1 for number, _ in _lines(source) if number not in skip)


def _end_half_line(path: Path) -> None:
    """Drop a line cut off by a crash ("12" of "123"): it never counted, and new
    numbers must not join it."""
    if path.exists() and path.stat().st_size:
        content = path.read_bytes()
        if not content.endswith(b"\n"):
            with path.open("rb+") as handle:
                handle.truncate(content.rfind(b"\n") + 1)


def _durably(handle: Any, text: str) -> None:
    """Append and push to disk: after a crash, what was written is there."""
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())


def _run(
    jobs: Iterator[tuple[int, bytes, str, str]], out: Path, workers: int, total: int
) -> tuple[int, int, int]:
    """Render in worker processes; record every finished line as it comes in.

    fouten.jsonl starts empty on every run: every line that failed before is tried
    again, so only this run's failures are current."""
    made = failed = concepts = 0
    _end_half_line(out / DONE_FILE)
    bar: Any = click.progressbar(length=total, label="Brieven", file=sys.stderr)
    with (
        ProcessPoolExecutor(workers) as pool,
        bar,
        (out / DONE_FILE).open("a", encoding="utf-8") as done,
        (out / ERRORS_FILE).open("w", encoding="utf-8") as errors,
    ):
        for result in pool.map(render_line, jobs, chunksize=CHUNK):
            if "fouten" in result:
                failed += 1
                _durably(errors, json.dumps(result, ensure_ascii=False) + "\n")
            else:
                made += 1
                concepts += bool(result.get("concept"))
                # Only finished letters count as done: a failed line is tried again.
                _durably(done, f"{result['regel']}\n")
            bar.update(1)
    return made, failed, concepts


def _to_queue(requests: Path, client: str) -> None:
    """Write the file as a batch in the register and put it on the task queue.

    The same batch as POST /api/v1/batches: the letters are made by
    `letterforge worker` (or `serve`), through the same rules, into the register."""
    import getpass

    from letterforge.cli._register import open_app
    from letterforge.cli.worker import queue_url
    from letterforge.control.batch_file import request_lines
    from letterforge.jobs.batches import BatchQueue, start_batch
    from letterforge.jobs.queue import make_huey
    from letterforge.register.batches import check_owner

    app = open_app()
    register = app.extensions["letterforge"].register
    try:
        with register.session() as session:
            check_owner(session, client, "--client")
    except RequestError as e:
        raise CliError("; ".join(e.lines()), exit_code=2) from e
    # A file that cannot be read is refused whole (main prints each problem).
    lines = request_lines(requests.read_bytes(), int(app.config["BATCH_MAX_LINES"]))

    def no_context() -> Any:
        raise RuntimeError("this command only puts jobs on the queue")

    queue = BatchQueue(make_huey(queue_url(app)), no_context)
    batch_id, total = start_batch(
        register, queue, client, f"cli:{getpass.getuser()}", lines
    )
    click.echo(f"De batch staat in de wachtrij: {total} brieven.")
    click.echo("De worker maakt de brieven (letterforge worker, of letterforge serve).")
    click.echo(
        f"Volg de batch op de pagina /beheer/batches/{batch_id}"
        f" of met GET /api/v1/batches/{batch_id}."
    )
    click.echo(batch_id)


@click.command()
@click.argument(
    "requests", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Map voor de brieven (niet bij --wachtrij).",
)
@click.option(
    "--wachtrij",
    is_flag=True,
    help="Zet de batch in de wachtrij van de worker; de brieven komen in het register.",
)
@click.option(
    "--client",
    default="beheer",
    show_default=True,
    help="Bij --wachtrij: de API-client van wie de brieven zijn (en die de"
    " callbacks krijgt). 'beheer' en 'web' zijn geen API-client: die brieven"
    " ziet alleen letterforge zelf.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default=True,
    help="Aantal processen.",
)
def batch(
    requests: Path, out: Path | None, wachtrij: bool, client: str, workers: int
) -> None:
    """Maak veel brieven tegelijk uit een JSON Lines-bestand; hervat na een stop."""
    if wachtrij:
        if out is not None:
            raise CliError("Kies -o of --wachtrij, niet allebei.", exit_code=2)
        _to_queue(requests, client)
        return
    if out is None:
        raise CliError(
            "Geef een map voor de brieven met -o (of kies --wachtrij).", exit_code=2
        )
    out.mkdir(parents=True, exist_ok=True)
    skip = _done(out)
    total = _count_lines(requests, skip)
    today = date.today().isoformat()
    made, failed, concepts = _run(
        _jobs(requests, out, skip, today), out, workers, total
    )
    click.echo(
        f"{made} brieven gemaakt in {out}; {failed} regels met fouten"
        + (f" (zie {out / ERRORS_FILE})" if failed else "")
        + "."
    )
    if concepts:
        click.echo(
            f"{concepts} brieven hebben controle door een collega nodig: daar staat"
            " CONCEPT op. Maak die via de webpagina of de API."
        )
    if failed:
        raise CliError(f"{failed} regels konden niet worden gemaakt", exit_code=1)


COMMANDS = [batch]
