"""Dask set up for the batch: workers whose memory stays flat over thousands of tasks.

Dask's workers sample every running task with a profiler (for the dashboard) and keep the
samples: about 0.6 MB per batch task, so two workers grew to 1.3 GB over 1,000 agencies.
``quiet_workers`` switches that profiler off on every worker of a cluster, now and for
workers that join later (a worker plugin); a cluster started for the batch can be started so
from the start (``local_cluster``, or ``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` in
the environment of ``dask worker``). Nothing else about the cluster changes.
"""

from __future__ import annotations

from typing import Any

PROFILE_OFF = {"distributed.worker.profile.enabled": False}


def profiler_off(dask_worker: Any = None) -> bool:
    """Stop the sampling profiler of this worker and drop what it kept. True when done.
    (Only this worker: the process's Dask configuration is left as it is.)"""
    if dask_worker is None:
        return False
    for name in ("profile", "profile-cycle"):
        pc = dask_worker.periodic_callbacks.pop(name, None)
        if pc is not None:
            pc.stop()
    for attr in ("profile_history", "profile_keys_history", "profile_keys"):
        kept = getattr(dask_worker, attr, None)
        if kept is not None:
            kept.clear()
    return True


def _plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class QuietProfiler(WorkerPlugin):
        name = "lkj-profiler-off"

        def setup(self, worker: Any) -> None:
            profiler_off(worker)

    return QuietProfiler()


def quiet_workers(client: Any) -> None:
    """Switch the sampling profiler off on the cluster's workers (and on those to come)."""
    try:
        client.register_plugin(_plugin(), name="lkj-profiler-off")
    except Exception:  # an old scheduler without plugins: at least the workers there now
        client.run(profiler_off)


def local_cluster(n_workers: int = 2, **kw: Any) -> Any:
    """A LocalCluster for the batch: processes of one thread each (the tasks are CPU-bound
    Python), no dashboard, the profiler off from the start."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(PROFILE_OFF):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                            dashboard_address=None, **kw)
