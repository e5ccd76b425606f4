"""`letterforge templates export|import`: the register's template versions as files.

Export writes every stored version (issue 17) to a folder, one subfolder per
template and version number with its files and versie.yaml; import reads such a
folder back as new concepts, which a second person approves again.
"""

from __future__ import annotations

import getpass
from pathlib import Path

import click

from letterforge.cli._register import app_state, open_app
from letterforge.cli.letters import templates
from letterforge.control import template_files


@templates.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def templates_export(folder: Path) -> None:
    """Schrijf alle eigen versies van sjablonen naar FOLDER."""
    app = app_state(open_app())
    count = template_files.export_versions(app.register, folder)
    click.echo(f"{count} versies geschreven naar {folder}.")


@templates.command("import")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option(
    "--door",
    required=True,
    help="Uw gebruikersnaam (communicatie of beheer): u wordt de auteur.",
)
def templates_import(folder: Path, door: str) -> None:
    """Lees versies uit FOLDER in als nieuwe concepten.

    U bent de auteur. U dient ze zelf in; een collega keurt ze goed."""
    app = app_state(open_app())
    added = template_files.import_versions(
        app.register,
        app.settings,
        folder,
        actor=door,
        system_user=_system_user(),
        today=app.today(),
    )
    for version in added:
        click.echo(f"{version.template_id}: versie {version.number} (concept)")
    click.echo(
        f"{len(added)} versies ingelezen als concept. Een collega moet ze goedkeuren."
    )


def _system_user() -> str:
    """The operating-system account, recorded with the import (best effort: a
    container may have no name for its user id)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


COMMANDS: list[click.Command] = []  # attached to `templates` above
