"""Dutch for click's own messages ("Usage:", "Error: No such command ...").

click translates its messages with gettext, but ships no Dutch catalogue and binds
`_`/`ngettext` in each of its modules at import. We replace those bindings with a
lookup in our table, so help, usage errors and prompts speak Dutch without a
compiled .mo file. Messages not in the table stay as click wrote them.
"""

from __future__ import annotations

import importlib
from typing import Any, Final

import click

DUTCH: Final[dict[str, str]] = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Error: {message}": "Fout: {message}",
    "Show this message and exit.": "Laat deze hulp zien en stop.",
    "Show the version and exit.": "Laat de versie zien en stop.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "Missing command.": "Geef een opdracht.",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "Missing parameter: {param_name}": "Ontbrekende waarde: {param_name}",
    "Try '{command} {option}' for help.": "Typ '{command} {option}' voor hulp.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor"
    " {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} neemt {nargs}"
    " waarden.",
    "Aborted!": "Gestopt.",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r}"
    " niet openen: {message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value} is not in the range {range}.": "{value} ligt niet tussen {range}.",
    "default: {default}": "standaard: {default}",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Did you mean {possibility}?": "Bedoelt u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelt u een van: {possibilities}?)",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt"
    " {nargs} waarden.",
    "{value!r} is not {choice}.": "{value!r} is geen {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}.",
}
_MODULES: Final = (
    "click.core",
    "click.exceptions",
    "click.formatting",
    "click.decorators",
    "click.parser",
    "click.types",
    "click.termui",
    "click.utils",
)


def gettext(message: str) -> str:
    return DUTCH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def _invalid_choice(self: click.Choice[Any], value: object, ctx: object) -> str:
    """ "Kies uit: text, json, jsonl": click's own message quotes every choice
    ("'xml' is not one of 'text', 'json', 'jsonl'"), which reads badly in Dutch."""
    choices = ", ".join(str(c) for c in self.choices)
    return f"'{value}' kan niet. Kies uit: {choices}."


def install() -> None:
    """Make click speak Dutch (idempotent)."""
    click.Choice.get_invalid_choice_message = _invalid_choice  # type: ignore[method-assign]
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def dutch_metavars(command: click.Command) -> None:
    """ "[OPTIONS]" and "COMMAND [ARGS]..." in usage lines are attributes, not
    gettext messages: set them in Dutch on every command below `command`."""
    command.options_metavar = "[OPTIES]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "OPDRACHT [ARGUMENTEN]..."
        for sub in command.commands.values():
            dutch_metavars(sub)
