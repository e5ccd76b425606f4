"""`letterforge templates export|import`: the register's template versions as files.

Export writes every stored version (issue 17) to a folder, one subfolder per
template and version number with its files and versie.yaml; import reads such a
folder back as new concepts, which a second person approves again.
"""

from __future__ import annotations

from pathlib import Path

import click

from letterforge.cli._register import app_state, open_app
from letterforge.cli.letters import templates
from letterforge.control import template_files

IMPORTER = "import"


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
    default=IMPORTER,
    show_default=True,
    help="Wie de versies binnenhaalt (de auteur van de nieuwe concepten).",
)
def templates_import(folder: Path, door: str) -> None:
    """Lees versies uit FOLDER in als nieuwe concepten.

    Een collega moet elke versie daarna weer goedkeuren."""
    app = app_state(open_app())
    added = template_files.import_versions(
        app.register, app.settings, folder, actor=door
    )
    for version in added:
        click.echo(f"{version.template_id}: versie {version.number} (concept)")
    click.echo(
        f"{len(added)} versies ingelezen als concept. Een collega moet ze goedkeuren."
    )


COMMANDS: list[click.Command] = []  # attached to `templates` above
