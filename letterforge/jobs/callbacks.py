"""Deliver callback events: POST the JSON, signed, with retries and a record.

The events are written by the register in the transaction of the change they
report (register.callbacks); this module carries one out: claim it with a lease,
check the URL again (a host name may now point inside), POST it with the
signature headers, record the attempt, and on failure schedule the next try
with exponential back-off (CALLBACK_FIRST_DELAY_SECONDS, doubled each time, at
most CALLBACK_MAX_ATTEMPTS attempts). A 2xx answer is a delivery; anything else,
a redirect included, is a failed attempt.

Headers of every POST:
    X-Letterforge-Event-Id    the event id (the same on every retry: deduplicate)
    X-Letterforge-Event       the event type, e.g. brief.gemaakt
    X-Letterforge-Timestamp   Unix seconds of this attempt
    X-Letterforge-Signature   hex HMAC-SHA256(secret, timestamp + "." + body)
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from huey import Huey, crontab

from letterforge.control.callbacks import Network, Resolver, check_url, resolve, sign
from letterforge.errors import LetterforgeError
from letterforge.jobs.queue import PRIORITY_CALLBACK, PRIORITY_SWEEP, waiting_args
from letterforge.register import Register, callbacks, outbox
from letterforge.register.models import CallbackEvent

log = logging.getLogger(__name__)
USER_AGENT = "letterforge-callbacks/1"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def default_policy() -> outbox.RetryPolicy:
    """6 attempts: at once, then after 10 s, 20 s, 40 s, 80 s, 160 s."""
    return outbox.RetryPolicy(
        max_attempts=6,
        first_delay=timedelta(seconds=10),
        max_delay=timedelta(minutes=10),
        lease=timedelta(minutes=1),
    )


@dataclass(frozen=True)
class CallbackContext:
    """What a worker needs to deliver events."""

    register: Register
    allowed_networks: Sequence[Network] = ()
    policy: outbox.RetryPolicy = field(default_factory=default_policy)
    timeout_seconds: float = 10.0
    clock: Callable[[], datetime] = _utc_now
    resolver: Resolver = resolve
    # Tests may pass an httpx transport; None is the network.
    transport: httpx.BaseTransport | None = None


def body_of(event: CallbackEvent) -> bytes:
    """The bytes that are POSTed and signed: the payload as compact UTF-8 JSON."""
    return json.dumps(
        event.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")


def _post(
    context: CallbackContext, url: str, secret: str, event: CallbackEvent, now: datetime
) -> tuple[int | None, str | None]:
    """(status code, error): the error is None only for a 2xx answer."""
    try:
        check_url(url, context.allowed_networks, context.resolver)
    except LetterforgeError as e:
        return None, "; ".join(e.lines())
    body = body_of(event)
    timestamp = str(int(now.timestamp()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Letterforge-Event-Id": event.id,
        "X-Letterforge-Event": event.kind,
        "X-Letterforge-Timestamp": timestamp,
        "X-Letterforge-Signature": sign(secret, timestamp, body),
    }
    try:
        with httpx.Client(
            timeout=context.timeout_seconds,
            follow_redirects=False,
            transport=context.transport,
        ) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as e:
        # The type only: an error text may quote the URL with its query.
        return None, f"geen verbinding ({type(e).__name__})"
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"het antwoord was {response.status_code}"


def deliver(context: CallbackContext, event_id: str) -> str:
    """One attempt at `event_id`; its new state (afgeleverd, wachtend, mislukt)
    or '' when it is not due or another worker has it. Never raises for a
    receiver's failure: the attempt is recorded and the event waits again."""
    now = context.clock()
    with context.register.session() as session:
        event = callbacks.claim(session, event_id, now, context.policy)
        if event is None:
            return ""
        found = callbacks.subscription(session, event.client_name)
        target = (found.url, found.secret) if found else None
    status: int | None = None
    error: str | None = "de client heeft geen callback-URL meer"
    url = ""
    if target is not None:
        url = target[0]
        status, error = _post(context, url, target[1], event, now)
    with context.register.session() as session:
        fresh = session.get(CallbackEvent, event_id)
        if fresh is None:
            return ""
        state = callbacks.record_attempt(
            session, fresh, url, context.clock(), status, error, context.policy
        )
    if error:
        log.warning("callback %s attempt failed (%s): %s", event_id, state, error)
    return state


def due(context: CallbackContext) -> list[str]:
    with context.register.session() as session:
        return callbacks.due_event_ids(session, context.clock())


class CallbackQueue:
    """The delivery task on the Huey of the filing queue (jobs.queue.make_huey).

    The events in the register stay the truth: a task carries only an event id,
    and the periodic sweep puts every due event on the queue (also one whose
    notice was lost, or whose worker died)."""

    def __init__(
        self, huey: Huey, context_factory: Callable[[], CallbackContext]
    ) -> None:
        self.huey = huey
        self._factory = context_factory
        self._context: CallbackContext | None = None
        # Fixed names: the web process (which only enqueues) and the worker agree.
        # Deliveries go before batch lines and PDF/A (jobs.queue priorities).
        self.deliver_task = huey.task(
            name="letterforge.callback", priority=PRIORITY_CALLBACK
        )(self._run)
        self.sweep_task = huey.periodic_task(
            crontab(minute="*"),
            name="letterforge.callback_sweep",
            priority=PRIORITY_SWEEP,
        )(self.sweep)

    @property
    def context(self) -> CallbackContext:
        if self._context is None:
            self._context = self._factory()
        return self._context

    def notify(self, event_ids: list[str]) -> None:
        """Put events on the queue now; a failure here only delays them (sweep)."""
        for event_id in event_ids:
            try:
                self.deliver_task(event_id)
            except Exception:
                log.exception("could not put a callback event on the queue")

    def sweep(self) -> int:
        """Put every due event on the queue that has no message waiting there."""
        waiting = {args[0] for args in waiting_args(self.huey, self.deliver_task.name)}
        found = [event_id for event_id in due(self.context) if event_id not in waiting]
        self.notify(found)
        return len(found)

    def _run(self, event_id: str) -> str:
        state = deliver(self.context, event_id)
        if state == callbacks.WAITING:
            self._schedule_next(event_id)
        return state

    def _schedule_next(self, event_id: str) -> None:
        with self.context.register.session() as session:
            event = session.get(CallbackEvent, event_id)
            moment = event.next_attempt_at if event else None
        if moment is None:
            return
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        delay = max((moment - self.context.clock()).total_seconds(), 0.0)
        self.deliver_task.schedule(args=(event_id,), delay=delay)


def install_notifier(register: Register, queue: CallbackQueue) -> None:
    """Let every session of `register` put new events on `queue` on commit."""
    callbacks.set_notifier(register.sessions, queue.notify)
