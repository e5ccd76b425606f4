"""Run one check of user-typed template text in a child process with limits.

The sandbox (compose/environment.py) bounds sizes and loop steps inside Jinja,
but a preview or a submit check also runs our own code on whatever the text
produces (layout, readability, lint), and a bug or a case nobody foresaw must
not hang a web worker: gunicorn's threaded workers never time out a busy
request thread. So the editor's preview and the submit checks run in a forked
child with a CPU-time limit and an address-space limit (resource.setrlimit),
and the parent waits at most a wall-clock timeout and then kills it. The
caches the child fills (library, Jinja environment) die with it, so a preview
never pushes the production library out of the shared caches either.

Linux (fork); the child only computes and sends its result back over a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

# A preview of one template takes well under a second per sample; these are
# far above that and far below what hurts a shared machine.
CPU_SECONDS = 20
WALL_SECONDS = 30.0
EXTRA_MEMORY_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Stopped:
    """The child was stopped: `reason` is "tijd" (time) or "geheugen" (memory)."""

    reason: str


def _address_space() -> int:
    """This process's current virtual size in bytes (/proc/self/statm, pages)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(conn: Connection, work: Callable[[], Any], extra_memory: int) -> None:
    # The limit is relative to what the fork already maps (a web worker's
    # threads and libraries), else the child could not even start.
    limit = _address_space() + extra_memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    try:
        result: Any = ("ok", work())
    except MemoryError:
        result = ("stopped", Stopped("geheugen"))
    except BaseException as e:  # handed to the parent to re-raise
        result = ("error", e)
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("stopped", Stopped("geheugen")))
    except Exception:  # an error that does not pickle: its type only
        conn.send(("error", RuntimeError(type(result[1]).__name__)))
    finally:
        conn.close()


def run_bounded(
    work: Callable[[], T],
    *,
    wall_seconds: float = WALL_SECONDS,
    extra_memory: int = EXTRA_MEMORY_BYTES,
) -> T | Stopped:
    """`work()` in a forked child: its result, its exception re-raised here, or
    Stopped when it ran out of time (CPU or wall clock) or memory."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, work, extra_memory), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(wall_seconds):
            return Stopped("tijd")
        kind, value = receive.recv()
    except EOFError:
        # The child died without answering: killed by SIGXCPU/SIGKILL (time) or
        # failed to allocate (memory) — the exit code tells which.
        child.join(1)
        return Stopped("tijd" if child.exitcode in (-9, -24) else "geheugen")
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)
        receive.close()
    if kind == "error":
        raise value
    return value  # type: ignore[no-any-return]
