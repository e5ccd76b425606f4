"""`letterforge worker`: the background jobs (PDF/A, filing in the zaak)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from typing import Any

import click

from letterforge.cli._common import CliError

# Imported inside the command: `letterforge check` must not pay for Huey and httpx.


def queue_url(app: Any) -> str:
    """The queue of this installation: QUEUE_URL, or a SQLite file in instance/."""
    from letterforge.jobs.queue import default_queue_url

    return str(app.config.get("QUEUE_URL") or default_queue_url(app.instance_path))


def _context(app: Any) -> Any:
    from letterforge.jobs import FilingContext
    from letterforge.zgw import load_zgw_config

    zgw = load_zgw_config(dict(os.environ))
    return FilingContext(register=app.extensions["letterforge"].register, zgw=zgw)


def _batch_context(app: Any) -> Any:
    from datetime import timedelta

    from letterforge.jobs.batches import BatchContext

    app_state = app.extensions["letterforge"]
    return BatchContext(
        register=app_state.register,
        settings=app_state.settings,
        today=app_state.today,
        lease=timedelta(seconds=int(app.config["BATCH_LEASE_SECONDS"])),
    )


def _callback_context(app: Any) -> Any:
    import dataclasses
    from datetime import timedelta

    from letterforge.jobs.callbacks import CallbackContext, default_policy
    from letterforge.web.callbacks import allowed_networks

    timeout = float(app.config["CALLBACK_TIMEOUT_SECONDS"])
    policy = dataclasses.replace(
        default_policy(),
        max_attempts=int(app.config["CALLBACK_MAX_ATTEMPTS"]),
        first_delay=timedelta(
            seconds=float(app.config["CALLBACK_FIRST_DELAY_SECONDS"])
        ),
        # An attempt ends within a few timeouts (connect, send, read); an event
        # claimed by a worker that died is taken up again after that.
        lease=timedelta(seconds=3 * timeout + 5),
    )
    return CallbackContext(
        register=app.extensions["letterforge"].register,
        allowed_networks=allowed_networks(app.config),
        policy=policy,
        timeout_seconds=timeout,
    )


def _deliver_callbacks_once(app: Any) -> None:
    """The callback events that are due now, one attempt each."""
    from letterforge.jobs.callbacks import deliver, due

    context = _callback_context(app)
    states = [deliver(context, event_id) for event_id in due(context)]
    if states:
        click.echo(
            f"{states.count('afgeleverd')} van de {len(states)} callbacks afgeleverd."
        )


def _run_batches_once(app: Any) -> None:
    """The lines of batches that wait (or were left by a dead worker), now."""
    from letterforge.jobs.batches import due_jobs, run_batch_lines

    context = _batch_context(app)
    jobs = due_jobs(context)
    made = sum(run_batch_lines(context, batch_id, lines) for batch_id, lines in jobs)
    if jobs:
        click.echo(f"{made} brieven uit batches gemaakt.")


@click.command()
@click.option(
    "--threads",
    default=1,
    show_default=True,
    type=click.IntRange(1, 8),
    help="Hoeveel taken tegelijk.",
)
@click.option(
    "--once",
    is_flag=True,
    help="Voer alleen de taken uit die nu klaarstaan, en stop dan.",
)
def worker(threads: int, once: bool) -> None:
    """Doe het werk van de wachtrij: batches, callbacks, PDF/A en archivering.

    Callbacks gaan eerst, dan regels van batches, dan PDF/A en de zaak (ZGW).
    """
    from letterforge.cli.service import _app
    from letterforge.jobs import run_filing_job, sweep
    from letterforge.jobs.queue import FilingQueue, make_huey

    app = _app()
    context = _context(app)
    if once:
        _run_batches_once(app)
        _deliver_callbacks_once(app)
        due = sweep(context)
        states = [run_filing_job(context, job_id) for job_id in due]
        done = states.count("klaar")
        if not due:
            click.echo("Er wachten geen taken.")
            return
        click.echo(f"{done} van de {len(due)} taken zijn gelukt.")
        if done < len(due):
            # Not 0: cron or systemd must see that filing is not working.
            raise CliError(
                "De andere proberen wij later opnieuw. Zie /beheer/archivering.",
                exit_code=1,
            )
        return
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    queue = FilingQueue(make_huey(queue_url(app)), lambda: context)
    queue.sweep()  # start with every job that is due, also from before a restart
    from letterforge.jobs.batches import BatchQueue

    batch_context = _batch_context(app)
    BatchQueue(queue.huey, lambda: batch_context).sweep()
    from letterforge.jobs.callbacks import CallbackQueue
    from letterforge.jobs.callbacks import install_notifier as callback_notifier

    callback_context = _callback_context(app)
    callback_queue = CallbackQueue(queue.huey, lambda: callback_context)
    # Events of letters this worker makes (batches) go on the queue at once.
    callback_notifier(callback_context.register, callback_queue)
    callback_queue.sweep()
    click.echo("De worker draait (stoppen: Ctrl+C).", err=True)
    consumer = queue.huey.create_consumer(
        workers=threads, periodic=True, worker_type="thread"
    )
    consumer.run()


COMMANDS = [worker]


def prepare_queue(app: Any) -> dict[str, str]:
    """Let the web service put new jobs on the queue; the worker's environment."""
    from letterforge.web.batches import install_batch_queue
    from letterforge.web.callbacks import install_callback_queue
    from letterforge.web.filing import install_filing_queue

    url = queue_url(app)
    app.config["QUEUE_URL"] = url
    install_filing_queue(app)
    install_batch_queue(app)
    install_callback_queue(app)
    return {
        **os.environ,
        "LETTERFORGE_QUEUE_URL": url,
        "LETTERFORGE_DATABASE_URL": str(app.config["DATABASE_URL"]),
    }


def start_worker_process(
    env: dict[str, str], threads: int = 1
) -> subprocess.Popen[bytes]:
    """`letterforge worker` beside the web service, on the same queue and register.

    A process of its own (not a thread): gunicorn forks its web workers from the
    serving process, and Huey's consumer wants its own signal handling.
    """
    run = (
        "import sys; from letterforge.cli import main;"
        f" sys.exit(main(['worker', '--threads', '{int(threads)}']))"
    )
    return subprocess.Popen([sys.executable, "-c", run], env=env)


def stop_worker_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
