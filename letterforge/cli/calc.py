"""`letterforge calc NAAM --json '{…}'`: a named calculation, the caseworker's
rekenhulp and a stable interface for scripts.

One subcommand per calculator of `compose.calc.contract.CALCULATIONS` (the one
list), so `letterforge calc --help` lists them with one Dutch line each and
`letterforge calc NAAM --help` lists every field with its description, unit and
whether it is required. Standard output carries the JSON result and nothing else
(exit 0); `--tekst` prints the steps and the result for a person instead. Bad
input gives one Dutch line per field on standard error and exit code 2.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import click

from letterforge.cli._common import CliError
from letterforge.compose.calc.contract import CALCULATIONS, Calculation, calculate
from letterforge.compose.filters import bedrag, datum, maand
from letterforge.compose.norms import load_table
from letterforge.errors import CalculationInputError, Problem, UnknownCalculation
from letterforge.settings import load_settings

MAX_INPUT = 64 * 1024  # a calculation's input is a few fields (or a year of months)
_AMOUNT = re.compile(r"-?[0-9]+\.[0-9]{2}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _read(raw: str | None) -> object:
    text = raw if raw is not None else sys.stdin.read(MAX_INPUT + 1)
    if len(text) > MAX_INPUT:
        raise CliError("de invoer is te groot (meer dan 64 kB)", exit_code=2)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as e:
        raise CliError("de invoer is geen geldige JSON", exit_code=2) from e


def _is_month(key: str | None) -> bool:
    """A contract key whose ISO date stands for a whole month (its first day):
    `maand`, `eerste_maand`, `laatste_maand`. Shown as "januari 2027", so a
    caseworker who copies it does not write "tot 1 januari 2027" (review r4
    finding 7). Amount keys such as `per_maand` never hold a date."""
    return key is not None and (key == "maand" or key.endswith("_maand"))


def _value(value: Any, key: str | None = None) -> str:
    """A contract value as a person reads it: € 1.419,46, 24 november 2026, ja;
    a month field (`_is_month`) as januari 2027."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None:
        return "-"
    if isinstance(value, str) and _AMOUNT.fullmatch(value):
        return bedrag(Decimal(value))
    if isinstance(value, str) and _DATE.fullmatch(value):
        return maand(value) if _is_month(key) else datum(value)
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_value(v, k)}" for k, v in value.items())
    return str(value)


def as_text(result: Mapping[str, Any]) -> str:
    """The steps, the result fields and the warnings, one per line, in Dutch."""
    lines = ["Berekening:"]
    for step in result.get("stappen", []):
        amount = f": {_value(step['bedrag'])}" if "bedrag" in step else ""
        source = f" ({step['bron']})" if step.get("bron") else ""
        lines.append(f"  {step['omschrijving']}{amount}{source}")
    lines.append("Uitkomst:")
    for key, value in result.items():
        if key in ("stappen", "waarschuwingen"):
            continue
        if isinstance(value, list):
            lines.append(f"  {key}:")
            lines += [f"    {_value(row)}" for row in value]
        else:
            lines.append(f"  {key}: {_value(value, key)}")
    lines += [f"Let op: {w}" for w in result.get("waarschuwingen", [])]
    return "\n".join(lines)


def _help(calculation: Calculation) -> str:
    # "\b" keeps click from re-wrapping the field list into one paragraph.
    fields = "\n".join(f"  {line}" for line in calculation.help_lines())
    return (
        f"{calculation.summary}.\n\nBron: {calculation.bron}.\n\n\b\nVelden:\n"
        f"{fields}\n\nGeef de velden als JSON met --json, of op standaardinvoer."
    )


def _command(calculation: Calculation) -> click.Command:
    name = calculation.name

    def run(raw: str | None, text: bool) -> None:
        data = _read(raw)
        table = load_table(load_settings(os.environ).template_dir)
        try:
            result = calculate(table, name, data)
        except CalculationInputError as e:
            # Point to the field list, so a caseworker need not guess names.
            hint = Problem("", f"typ 'letterforge calc {name} --help' voor alle velden")
            raise CalculationInputError((*e.problems, hint)) from e
        click.echo(
            as_text(result)
            if text
            else json.dumps(result, ensure_ascii=False, indent=2)
        )

    return click.Command(
        name,
        callback=run,
        help=_help(calculation),
        short_help=calculation.summary,
        params=[
            click.Option(
                ["--json", "raw"],
                metavar="JSON",
                help="De invoer als JSON-object. Zonder deze optie lezen wij "
                "standaardinvoer.",
            ),
            click.Option(
                ["--tekst", "text"],
                is_flag=True,
                help="Toon de stappen en de uitkomst als tekst, niet als JSON.",
            ),
        ],
    )


class _Calculations(click.Group):
    """An unknown name gets the contract's own Dutch answer with the list."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            raise UnknownCalculation(args[0], tuple(CALCULATIONS))
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the contract's order, not alphabetical


@click.group("calc", cls=_Calculations)
def calc() -> None:
    """Reken een regel uit en toon de uitkomst als JSON.

    Kies een berekening. Typ 'letterforge calc NAAM --help' voor de velden.
    """


for _calculation in CALCULATIONS.values():
    calc.add_command(_command(_calculation))

COMMANDS: Sequence[click.Command] = [calc]
