"""The command line: a thin click edge over the core.

Each group of commands lives in its own module and is registered here. Errors from
the core are shown as one Dutch line per problem on stderr, with a non-zero exit.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from letterforge.cli import (
    batch,
    calc,
    check,
    database,
    dutch,
    letters,
    service,
    template_versions,  # noqa: F401 (adds export/import to `templates`)
    worker,
)
from letterforge.cli._common import CliError
from letterforge.errors import LetterforgeError

dutch.install()  # click's own messages ("Usage:", "No such command") in Dutch


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="letterforge")
def cli() -> None:
    """letterforge: besluitbrieven in duidelijke taal (B1), als DOCX."""


# Each command module exports COMMANDS, a list of click commands or groups. They are
# imported by name above, so import-linter and mypy see every edge of the CLI.
for _module in (letters, check, service, batch, database, calc, worker):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
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
