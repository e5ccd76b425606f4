"""`letterforge calc NAME --json '{…}'`: a named calculation, the caseworker's
rekenhulp and a stable interface for scripts.

Standard output carries the JSON result and nothing else (exit 0). Bad input gives
one Dutch line per field on standard error and exit code 2.
"""

from __future__ import annotations

import json
import os
import sys

import click

from letterforge.cli._common import CliError
from letterforge.compose.calc.contract import calculate
from letterforge.compose.norms import load_table
from letterforge.settings import load_settings

MAX_INPUT = 64 * 1024  # a calculation's input is a few fields


@click.command("calc")
@click.argument("name", metavar="NAAM")
@click.option(
    "--json",
    "raw",
    metavar="JSON",
    help="De invoer als JSON-object. Zonder deze optie lezen wij standaardinvoer.",
)
def calc(name: str, raw: str | None) -> None:
    """Reken een regel uit en toon de uitkomst als JSON.

    NAAM is een van: bijstandsnorm, beslagvrije-voet, aflosplan, boete,
    afzien-terugvordering, bezwaartermijn, beslistermijn, hersteltermijn, aanmaning.
    """
    text = raw if raw is not None else sys.stdin.read(MAX_INPUT + 1)
    if len(text) > MAX_INPUT:
        raise CliError("de invoer is te groot (meer dan 64 kB)", exit_code=2)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise CliError("de invoer is geen geldige JSON", exit_code=2) from e
    table = load_table(load_settings(os.environ).template_dir)
    result = calculate(table, name, data)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


COMMANDS = [calc]
