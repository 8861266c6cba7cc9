import contextlib
import threading

from fastapi import APIRouter, Request

from api.deps import SettingsDep, StoreDep
from api.schemas import Health
from kg.version import __version__

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health, summary="Liveness: answers at once, whatever else runs")
async def health(request: Request, store: StoreDep, settings: SettingsDep) -> Health:
    # async and store-free: it never waits for a thread, a query worker or the store
    token = settings.api_token.get_secret_value() if settings.api_token else ""
    pool = request.app.state.pool
    triples = store.known_triple_count()
    if triples is None and store.remote is None:  # a remote server's count is never remembered: not polled here
        _count_later(request.app, store)
    return Health(status="ok", version=__version__, backend=store.backend, writes=bool(token),
                  query_workers=settings.query_workers, query_isolation=pool.isolation if pool is not None else None,
                  triples=triples)


def _count_later(app, store) -> None:  # noqa: ANN001
    """Count the store's triples in a thread of its own (a second or so per million), one count at a time."""
    th = getattr(app.state, "counting", None)
    if th is not None and th.is_alive():
        return

    def count() -> None:
        with contextlib.suppress(Exception):  # a closed store or a remote server away: /health says null again
            store.triple_count()

    app.state.counting = threading.Thread(target=count, name="kg-count", daemon=True)
    app.state.counting.start()
