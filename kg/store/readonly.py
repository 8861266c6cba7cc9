"""Read-only handles on an embedded store that a writer in another process keeps changing.

A read-only RocksDB handle reads the manifest and then the files it names; a writer's flush or
compaction may remove one of them in between, or while a query reads through the handle. Those
failures are nobody's fault and pass once the handle is reopened on the current files. Kept
free of rdflib: the query workers import it.
"""

from __future__ import annotations

import errno
import re
import time
from typing import Any

_NETWORK_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED, errno.ECONNRESET, errno.EACCES,
                   errno.EPERM, errno.ETIMEDOUT, errno.EAFNOSUPPORT}


def _errno(exc: OSError) -> int | None:
    """The errno of an OSError; pyoxigraph gives it only in the message, as "(os error 101)"."""
    if exc.errno is not None:
        return exc.errno
    m = re.search(r"os error (\d+)", str(exc))
    return int(m.group(1)) if m else None


def is_network_error(exc: BaseException) -> bool:
    """Whether an engine error comes from a refused or failed network connection."""
    return isinstance(exc, OSError) and (isinstance(exc, ConnectionError) or _errno(exc) in _NETWORK_ERRNOS)


def storage_fault(exc: BaseException) -> bool:
    """Whether an engine error means the store's files moved under a read-only handle.

    RocksDB reports a removed file as an ``OSError`` or, when it meets the gap while reading the
    manifest or a table, as a ``RuntimeError`` worded "Corruption: ... IO error: No such file or
    directory". Neither is the query's fault, and both name files.
    """
    if isinstance(exc, OSError):
        return not is_network_error(exc)
    return isinstance(exc, RuntimeError) and bool(re.search(r"Corruption|IO error|No such file", str(exc)))


def open_read_only(path: str, budget: float = 3.0) -> Any:
    """A read-only pyoxigraph handle; opening is retried for up to ``budget`` seconds.

    Failures come in runs while a compaction lasts, so the retries back off, up to a quarter of a
    second apart. Errors that are not storage faults are raised at once.
    """
    import pyoxigraph as ox

    end = time.monotonic() + budget
    pause = 0.01
    while True:
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:
            if time.monotonic() + pause > end or not storage_fault(exc):
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
