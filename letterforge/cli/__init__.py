"""The command line: a thin click edge over the core.

Each group of commands lives in its own module and is registered here. Errors from
the core are shown as one Dutch line per problem on stderr, with a non-zero exit.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from letterforge.cli import dutch
from letterforge.cli._common import CliError
from letterforge.errors import LetterforgeError

if TYPE_CHECKING:  # named here so import-linter and mypy see every edge of the CLI
    from letterforge.cli import (  # noqa: F401
        batch,
        calc,
        check,
        database,
        letters,
        service,
        template_versions,
        worker,
    )

dutch.install()  # click's own messages ("Usage:", "No such command") in Dutch

# Each command module exports COMMANDS, a list of click commands or groups.
# template_versions adds export/import to the `templates` group of letters.py.
COMMAND_MODULES = (
    "letters",
    "template_versions",
    "check",
    "service",
    "batch",
    "database",
    "calc",
    "worker",
)
# Commands that load only their own module: a cold `letterforge check` of a text
# must not import Flask, SQLAlchemy, Jinja or python-docx (issue 18: under 0.3 s).
OWN_MODULE = {"check": "check"}


class _LazyGroup(click.Group):
    """Imports the command modules when a command is looked up, not at start."""

    def _load(self, modules: Sequence[str]) -> None:
        for name in modules:
            module = importlib.import_module(f"letterforge.cli.{name}")
            for command in module.COMMANDS:
                if command.name not in self.commands:
                    self.add_command(command)
                    dutch.dutch_metavars(command)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        own = OWN_MODULE.get(cmd_name)
        self._load([own] if own else COMMAND_MODULES)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load(COMMAND_MODULES)
        return super().list_commands(ctx)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="letterforge")
def cli() -> None:
    """letterforge: besluitbrieven in duidelijke taal (B1), als DOCX."""


dutch.dutch_metavars(cli)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; map core errors to Dutch lines on stderr and exit codes."""
    try:
        cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except LetterforgeError as e:
        for line in e.lines():
            click.echo(f"Fout: {line}", err=True)
        return e.exit_code
    except CliError as e:
        click.echo(f"Fout: {e.message}", err=True)
        return e.exit_code
    except click.exceptions.Abort:
        click.echo("Gestopt.", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
