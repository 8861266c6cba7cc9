from fastapi import APIRouter

from api.deps import SettingsDep, StoreDep
from api.schemas import Health
from kg.version import __version__

router = APIRouter(tags=["service"])


@router.get("/health", response_model=Health, summary="Liveness: answers at once, whatever else runs")
def health(store: StoreDep, settings: SettingsDep) -> Health:
    token = settings.api_token.get_secret_value() if settings.api_token else ""
    return Health(status="ok", version=__version__, backend=store.backend, writes=bool(token))
