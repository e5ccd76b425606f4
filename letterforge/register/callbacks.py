"""Callbacks in the register: a URL per client, events to deliver, each attempt.

An event is written in the same transaction as the state change it reports
(a letter made, approved, rejected or filed; a batch finished), like a filing job
in register.outbox: it is never lost when a worker dies, and never sent for a
change that rolled back. Only clients with a callback URL get events.

Event states: wachtend -> bezig (claimed with a lease) -> afgeleverd, or mislukt
after the last attempt (register.outbox.RetryPolicy gives the back-off).
The payload holds ids, a status, a template id and links: no case data.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from letterforge.register import outbox
from letterforge.register.batches import unfinished_count, view_batch
from letterforge.register.models import (
    Batch,
    CallbackDelivery,
    CallbackEvent,
    CallbackSubscription,
    LetterRecord,
)

WAITING, BUSY, DELIVERED, FAILED = "wachtend", "bezig", "afgeleverd", "mislukt"
LETTER_MADE = "brief.gemaakt"
LETTER_APPROVED = "brief.goedgekeurd"
LETTER_REJECTED = "brief.afgekeurd"
LETTER_FILED = "brief.gearchiveerd"
BATCH_DONE = "batch.klaar"
KINDS = (LETTER_MADE, LETTER_APPROVED, LETTER_REJECTED, LETTER_FILED, BATCH_DONE)
# Links in events are paths under the service's own address (the register does
# not know the host name the client uses).
API = "/api/v1"
NOTIFIER = "letterforge_callback_notifier"
PENDING = "letterforge_callback_events"


def _utc(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def set_notifier(
    sessions: sessionmaker[Session], notifier: Callable[[list[str]], None] | None
) -> None:
    """Call `notifier` with new event ids after each commit of these sessions."""
    outbox.set_notifier(sessions, notifier, NOTIFIER)


# Subscriptions -------------------------------------------------------------


def subscription(session: Session, client: str) -> CallbackSubscription | None:
    return session.get(CallbackSubscription, client)


def subscribe(
    session: Session, client: str, url: str, secret: str, now: datetime
) -> CallbackSubscription:
    """Set (or replace) the client's URL and secret; events waiting keep waiting
    and go to the new URL."""
    found = session.get(CallbackSubscription, client)
    if found is None:
        found = CallbackSubscription(client_name=client)
        session.add(found)
    found.url, found.secret, found.created_at = url, secret, now
    return found


def unsubscribe(session: Session, client: str) -> bool:
    found = session.get(CallbackSubscription, client)
    if found is None:
        return False
    session.delete(found)
    return True


# Emitting events ------------------------------------------------------------


def emit(
    session: Session,
    client: str,
    kind: str,
    dedupe_key: str,
    data: dict[str, Any],
    now: datetime | None = None,
) -> CallbackEvent | None:
    """Write an event for `client` in the caller's transaction; None when the
    client has no callback URL. `dedupe_key` is unique per client: the same
    change is never reported twice."""
    if subscription(session, client) is None:
        return None
    moment = now or datetime.now(UTC)
    event_id = str(uuid.uuid4())
    event = CallbackEvent(
        id=event_id,
        client_name=client,
        kind=kind,
        dedupe_key=dedupe_key,
        payload={
            "id": event_id,
            "type": kind,
            "created_at": _utc(moment),
            "data": data,
        },
        state=WAITING,
        attempts=0,
        next_attempt_at=moment,
        created_at=moment,
    )
    session.add(event)
    session.flush()
    outbox.notify_after_commit(session, event_id, NOTIFIER, PENDING)
    return event


def letter_event(session: Session, record: LetterRecord, kind: str) -> None:
    """Report a step of a letter to the client that made it."""
    data = {
        "letter": record.id,
        "status": record.status,
        "template": record.template_id,
        "links": {"letter": f"{API}/letters/{record.id}"},
    }
    emit(session, record.client_name, kind, f"{kind}:{record.id}", data)


def filed_event(session: Session, letter_id: str) -> None:
    """The letter is filed in the zaak (the filing job succeeded)."""
    record = session.get(LetterRecord, letter_id)
    if record is not None:
        letter_event(session, record, LETTER_FILED)


def batch_event_if_done(session: Session, batch_id: str) -> None:
    """After a line of the batch was marked in this transaction: report the batch
    once every line is done.

    The batch row is locked first (PostgreSQL; SQLite has one writer anyway), so
    of two workers that finish the last two lines at the same time the second
    counts after the first committed: exactly one of them writes the event."""
    batch = session.get(Batch, batch_id)
    if batch is None or subscription(session, batch.client_name) is None:
        return
    session.execute(
        select(Batch.id).where(Batch.id == batch_id).with_for_update()
    ).all()
    if unfinished_count(session, batch_id):  # a count, not the lines
        return
    found = view_batch(session, batch_id)
    if found is None:
        return
    data = {
        "batch": batch_id,
        "total": batch.total,
        "counts": found.counts,
        "links": {"batch": f"{API}/batches/{batch_id}"},
    }
    emit(session, batch.client_name, BATCH_DONE, f"{BATCH_DONE}:{batch_id}", data)


# Delivering -----------------------------------------------------------------


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        (CallbackEvent.state == WAITING) & (CallbackEvent.next_attempt_at <= now),
        (CallbackEvent.state == BUSY) & (CallbackEvent.claimed_until < now),
    )


def due_event_ids(session: Session, now: datetime, limit: int = 500) -> list[str]:
    """Events a worker may deliver now (due, or left by a dead worker)."""
    query = (
        select(CallbackEvent.id)
        .where(_due(now))
        .order_by(CallbackEvent.next_attempt_at)
        .limit(limit)
    )
    return list(session.scalars(query))


def claim(
    session: Session, event_id: str, now: datetime, policy: outbox.RetryPolicy
) -> CallbackEvent | None:
    """Take the event for one attempt (one UPDATE, as outbox.claim); None when it
    is not due or another worker has it."""
    result = session.execute(
        update(CallbackEvent)
        .where(CallbackEvent.id == event_id, _due(now))
        .values(
            state=BUSY,
            claimed_until=now + policy.lease,
            attempts=CallbackEvent.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    return session.get(CallbackEvent, event_id)


def record_attempt(
    session: Session,
    event: CallbackEvent,
    url: str,
    now: datetime,
    status_code: int | None,
    error: str | None,
    policy: outbox.RetryPolicy,
) -> str:
    """Write the attempt and the event's new state: afgeleverd for a 2xx answer,
    else wachtend with back-off, or mislukt after policy.max_attempts."""
    session.add(
        CallbackDelivery(
            event_id=event.id,
            client_name=event.client_name,
            url=url,
            attempt=event.attempts,
            at=now,
            status_code=status_code,
            error=error[:2000] if error else None,
        )
    )
    event.claimed_until = None
    if error is None and status_code is not None and 200 <= status_code < 300:
        event.state, event.finished_at = DELIVERED, now
    elif event.attempts >= policy.max_attempts:
        event.state, event.finished_at = FAILED, now
    else:
        event.state = WAITING
        event.next_attempt_at = now + policy.delay(event.attempts)
    return event.state


def deliveries(
    session: Session, client: str, limit: int = 50
) -> list[CallbackDelivery]:
    """The client's latest delivery attempts, newest first."""
    query = (
        select(CallbackDelivery)
        .where(CallbackDelivery.client_name == client)
        .order_by(CallbackDelivery.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def attempts_of(session: Session, event_id: str) -> list[CallbackDelivery]:
    query = (
        select(CallbackDelivery)
        .where(CallbackDelivery.event_id == event_id)
        .order_by(CallbackDelivery.attempt)
    )
    return list(session.scalars(query))


def events(
    session: Session, client: str, state: str | None, limit: int = 100
) -> list[CallbackEvent]:
    """`client`'s events, newest first, at most `limit`; only those in `state`
    when given (e.g. mislukt: what was lost after the last attempt)."""
    query = select(CallbackEvent).where(CallbackEvent.client_name == client)
    if state is not None:
        query = query.where(CallbackEvent.state == state)
    query = query.order_by(CallbackEvent.created_at.desc(), CallbackEvent.id)
    return list(session.scalars(query.limit(limit)))


def send_again(
    session: Session, client: str, event_id: str, now: datetime
) -> tuple[CallbackEvent | None, bool]:
    """Put `client`'s failed event back for a fresh series of attempts (the same
    id and body, so the receiver can deduplicate): (the event, True). (None,
    False) when it is not the client's; (the event, False) when it has not
    failed (its state tells the caller why nothing happened)."""
    event = session.get(CallbackEvent, event_id)
    if event is None or event.client_name != client:
        return None, False
    if event.state != FAILED:
        return event, False
    event.state, event.attempts = WAITING, 0
    event.next_attempt_at, event.finished_at = now, None
    outbox.notify_after_commit(session, event.id, NOTIFIER, PENDING)
    return event, True
