"""Run the pipeline's batches on Dask distributed.

The driver keeps reading and writing: it submits each batch to the cluster, takes results back as they
complete, and puts them back in input order before the writer sees them, so the dataset is the one a
single-process run makes. Dask is an optional dependency (`pip install 'timeline[dask]'`); the workers
of a remote cluster (`--scheduler ADDRESS`) need the same version of `timeline` installed, since they run
its batch function. Only the driver reads inputs and writes outputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.pipeline import BatchMapper, Item, StagedOutcome


class DaskUnavailable(RuntimeError):
    """Raised when the Dask engine is asked for but dask.distributed is not installed or the scheduler
    cannot be reached."""


def _distributed():
    try:
        import distributed
    except ImportError as error:
        raise DaskUnavailable(
            "the dask engine needs dask.distributed: pip install 'timeline[dask]'"
        ) from error
    return distributed


def ordered_results(client, batches: Iterable[list[Item]], in_flight_limit: int) -> Iterator[StagedOutcome]:
    """Submit batches with at most `in_flight_limit` running or waiting, yield their outcomes in input order.

    Workers process and stage their batch, so what comes back is the batch's Arrow bytes, not result objects."""
    from timeline.pipeline import process_and_stage

    distributed = _distributed()
    completed = distributed.as_completed()
    finished: dict[int, StagedOutcome] = {}
    index_of: dict[str, int] = {}
    next_index = submitted = 0
    source = iter(batches)
    exhausted = False
    while True:
        while not exhausted and submitted - next_index < in_flight_limit:
            batch = next(source, None)
            if batch is None:
                exhausted = True
                break
            future = client.submit(process_and_stage, batch, pure=False)
            index_of[future.key] = submitted
            completed.add(future)
            submitted += 1
        if next_index == submitted:
            return
        future = next(completed)
        finished[index_of.pop(future.key)] = future.result()
        future.release()
        while next_index in finished:
            yield finished.pop(next_index)
            next_index += 1


@contextmanager
def dask_mapper(workers: int, scheduler: str | None = None) -> Iterator[BatchMapper]:
    """A batch mapper on the Dask cluster at `scheduler`, or on a local cluster of `workers` processes."""
    distributed = _distributed()
    with ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        else:
            try:
                client = stack.enter_context(distributed.Client(scheduler))
            except OSError as error:
                raise DaskUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        cores = sum(client.nthreads().values()) or workers
        yield lambda batches: ordered_results(client, batches, 2 * cores)
