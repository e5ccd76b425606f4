"""Background jobs: the worker side of the outbox (PDF/A and filing in the zaak).

An edge like web and cli. `run_filing_job` carries out one outbox job; `queue`
puts it on the task queue (Huey) so that a worker runs it.
"""

from letterforge.jobs.filing import FilingContext, run_filing_job, sweep

__all__ = ["FilingContext", "run_filing_job", "sweep"]
