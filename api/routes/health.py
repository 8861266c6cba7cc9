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
    return Health(status="ok", version=__version__, backend=store.backend, writes=bool(token),
                  query_workers=settings.query_workers, query_isolation=pool.isolation if pool is not None else None)
