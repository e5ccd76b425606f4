"""`letterforge db`: the register's schema."""

from __future__ import annotations

import click

from letterforge.cli._register import open_app


@click.group()
def db() -> None:
    """Het register (de database) bijwerken."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Breng de database naar de nieuwste versie. Twee keer doen kan geen kwaad."""
    open_app(migrate=True)
    click.echo("De database is bijgewerkt naar de nieuwste versie.")


COMMANDS = [db]
