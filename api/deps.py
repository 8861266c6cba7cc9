"""Typed dependencies: the store, the settings, the write lock and the write token check."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from api.settings import APISettings
from kg.store import KGStore


# async: trivial lookups that run on the event loop, so no request waits for a thread just to resolve them
async def get_store(request: Request) -> KGStore:
    return request.app.state.store


async def get_settings(request: Request) -> APISettings:
    return request.app.state.settings


async def get_write_lock(request: Request) -> threading.Lock:
    return request.app.state.write_lock


async def require_token(request: Request, settings: Annotated[APISettings, Depends(get_settings)]) -> None:
    """Writes need ``Authorization: Bearer <KG_API_TOKEN>`` (or the run's local token that `kg ingest` reads from
    the data folder); with neither configured, writes are off."""
    tokens = [t.get_secret_value() for t in (settings.api_token, settings.local_token)
              if t is not None and t.get_secret_value()]
    if not tokens:
        raise HTTPException(403, "writes are disabled: the server has no KG_API_TOKEN")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})
    if not any(hmac.compare_digest(given.strip().encode(), t.encode()) for t in tokens):
        raise HTTPException(403, "wrong token")


StoreDep = Annotated[KGStore, Depends(get_store)]
SettingsDep = Annotated[APISettings, Depends(get_settings)]
WriteLock = Annotated[threading.Lock, Depends(get_write_lock)]
Writer = Depends(require_token)
