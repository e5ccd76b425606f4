"""Commands for the service: serve, API tokens and the letter register."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from flask import Flask

from letterforge.cli._common import CliError
from letterforge.cli._register import app_state, open_app

# SQLAlchemy, Alembic and Flask are imported inside the commands that need them, so
# that `letterforge check` and `render` start fast.
SCOPES = ("letters:write", "letters:read", "readability")
# Given only when asked for: reading every client's letters, and approving others'.
EXTRA_SCOPES = (
    "letters:read-all",
    "letters:approve",
    # Template versions (issue 17): writing drafts, approving others' versions.
    "templates:write",
    "templates:approve",
    "templates:read",
)

THREADS = 8  # per gunicorn worker
LOOPBACK = ("127.0.0.1", "localhost", "::1")
FIRST_CLIENT = "zaaksysteem"
FIRST_USER = "medewerker"


def _app(**overrides: Any) -> Flask:
    """The app with its register migrated (cli/_register.py)."""
    return open_app(**overrides)


def _state(app: Flask) -> Any:
    return app_state(app)


def _print_first_account(app: Flask, host: str, port: int) -> None:
    from letterforge.register.users import create_user, has_users, new_password

    with _state(app).register.session() as session:
        if has_users(session):
            return
        password = new_password()
        create_user(session, FIRST_USER, "medewerker", password)
    click.echo(
        f"Open http://{host}:{port}/ en meld u aan als '{FIRST_USER}'"
        f" met wachtwoord: {password}"
    )


def _print_first_token(app: Flask, host: str, port: int) -> None:
    from letterforge.register.tokens import create_client, has_clients

    with _state(app).register.session() as session:
        if has_clients(session):
            return
        token = create_client(session, FIRST_CLIENT, SCOPES)
    base = f"http://{host}:{port}"
    click.echo(
        f"Eerste API-token voor '{FIRST_CLIENT}' (bewaar het, u ziet het één keer):"
    )
    click.echo(f"  {token}")
    click.echo("Probeer het zo:")
    click.echo(
        f"  curl -sS -X POST {base}/api/v1/letters -H 'Authorization: Bearer {token}' "
        "-H 'Content-Type: application/json' "
        "--data-binary @samples/terugvordering-inlichtingenplicht-zienswijze.json"
        " -o brief.docx"
    )


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32))
@click.option(
    "--first-token",
    is_flag=True,
    help="Maak een eerste API-token en een eerste account als die er niet zijn.",
)
@click.option(
    "--no-worker",
    is_flag=True,
    help=(
        "Start geen worker. Draai die dan apart (letterforge worker): zonder worker"
        " blijven batches in de wachtrij, en komen er geen callbacks, PDF/A of"
        " archivering."
    ),
)
@click.option(
    "--worker-threads",
    default=1,
    show_default=True,
    type=click.IntRange(1, 8),
    help="Hoeveel taken de worker tegelijk doet (zoals letterforge worker --threads).",
)
def serve(
    host: str,
    port: int,
    workers: int,
    first_token: bool,
    no_worker: bool,
    worker_threads: int,
) -> None:
    """Start de API en de webpagina's met gunicorn, en een worker ernaast."""
    from gunicorn.app.base import BaseApplication

    from letterforge.cli.worker import (
        prepare_queue,
        start_worker_process,
        stop_worker_process,
    )

    def stop_all(processes: list[Any]) -> None:
        for process in processes:
            stop_worker_process(process)

    from letterforge.web.examples import warm_up

    app = _app()  # migrates the database once, before the workers start
    worker_env = None if no_worker else prepare_queue(app)
    started: list[Any] = []
    if first_token:
        _print_first_token(app, host, port)
        _print_first_account(app, host, port)
    warm_up(_state(app))
    # The workers are forked from this process (preload_app): they share the warm
    # caches. No database connection may cross the fork, so the pool is emptied;
    # each worker opens its own connections.
    _state(app).register.dispose()
    click.echo(f"letterforge draait op http://{host}:{port} (stoppen: Ctrl+C)")
    if host not in LOOPBACK:
        click.echo(
            "Let op: dit adres is van buiten te bereiken. Zet er een bufferende proxy"
            " voor (README, Deployment): trage verbindingen houden anders alle"
            " threads bezet.",
            err=True,
        )

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            # Threaded workers: a slow or idle client holds one thread, not a
            # whole worker, and is dropped after the timeouts. Internet-facing
            # installations put a buffering proxy in front (README, Deployment).
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", THREADS)
            self.cfg.set("timeout", 30)
            self.cfg.set("graceful_timeout", 30)
            self.cfg.set("keepalive", 5)
            self.cfg.set("limit_request_line", 8190)
            self.cfg.set("limit_request_fields", 100)
            self.cfg.set("accesslog", None)
            # gunicorn trusts X-Forwarded-* from 127.0.0.1 by default; the one
            # place that may trust them is ProxyFix, set by PROXY_FIX
            # (web/security.py). Without it the headers are ignored.
            self.cfg.set("forwarded_allow_ips", "")
            self.cfg.set("preload_app", True)
            # We do not use gunicorn's control socket; several servers (tests,
            # benchmark, make run) would otherwise share one path in $HOME.
            self.cfg.set("control_socket_disable", True)
            if worker_env is not None:
                # The filing worker starts once gunicorn listens (it does not slow
                # the start) and stops when the master exits.
                self.cfg.set(
                    "when_ready",
                    lambda _arbiter: started.append(
                        start_worker_process(worker_env, worker_threads)
                    ),
                )
                self.cfg.set("on_exit", lambda _arbiter: stop_all(started))

        def load(self) -> Flask:
            return app

    Server().run()


@click.group()
def token() -> None:
    """API-tokens voor programma's zoals het zaaksysteem."""


@token.command("create")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(SCOPES + EXTRA_SCOPES),
    help="Wat het token mag; zonder --scope: maken, eigen brieven lezen, taal.",
)
def token_create(name: str, scopes: tuple[str, ...]) -> None:
    """Maak een token. Het token staat op de laatste regel; u ziet het één keer."""
    from letterforge.register.tokens import create_client

    if "templates:approve" in scopes:
        # A token is not a person (README, Templates in the browser): say so.
        click.echo(
            "Let op: dit token keurt teksten goed. Geef het aan één persoon en noem het"
            " naar die persoon. Geef het nooit samen met templates:write.",
            err=True,
        )
    with _state(_app()).register.session() as session:
        value = create_client(session, name, scopes or SCOPES)
    click.echo(f"Token voor '{name}' ({', '.join(scopes or SCOPES)}):")
    click.echo(value)


@token.command("revoke")
@click.argument("name")
def token_revoke(name: str) -> None:
    """Trek het token van een programma in."""
    from letterforge.register.tokens import revoke_client

    with _state(_app()).register.session() as session:
        revoke_client(session, name)
    click.echo(f"Het token van '{name}' is ingetrokken.")


@click.group()
def letters() -> None:
    """Het register van gemaakte brieven."""


@letters.command("reproduce")
@click.argument("letter_id")
def letters_reproduce(letter_id: str) -> None:
    """Maak een opgeslagen brief opnieuw en vergelijk de inhoud."""
    from letterforge.register.reproduce import reproduce
    from letterforge.register.store import get_letter

    app = _app()
    with _state(app).register.session() as session:
        record = get_letter(session, letter_id)
    if record is None:
        raise CliError(f"de brief '{letter_id}' staat niet in het register")
    from letterforge.control.templates import settings_for_record

    settings = settings_for_record(_state(app).register, _state(app).settings, record)
    result = reproduce(record, settings)
    if result.identical:
        click.echo("Gelijk: de brief is opnieuw gemaakt met precies dezelfde inhoud.")
        return
    reason = (
        f"het sjabloon is veranderd ({result.stored_version} →"
        f" {result.current_version})"
        if result.template_changed
        else "de inhoud verschilt"
    )
    raise CliError(f"niet gelijk: {reason}", exit_code=3)


@click.group()
def user() -> None:
    """Accounts voor mensen die de webpagina's gebruiken."""


ROLE_CHOICES = click.Choice(
    ("medewerker", "controleur", "communicatie", "beheer", "jurist")
)


@user.command("create")
@click.argument("name")
@click.option("--role", "role", required=True, type=ROLE_CHOICES)
def user_create(name: str, role: str) -> None:
    """Maak een account. Het wachtwoord staat op de laatste regel (één keer)."""
    from letterforge.register.users import create_user, new_password

    password = new_password()
    with _state(_app()).register.session() as session:
        create_user(session, name, role, password)
    click.echo(f"Account '{name}' ({role}) gemaakt. Wachtwoord:")
    click.echo(password)


COMMANDS = [serve, token, letters, user]
