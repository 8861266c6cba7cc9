"""Request body limit (declared and chunked bodies alike) and short error responses."""

from __future__ import annotations

import json
from typing import Any


class BodyLimit:
    """Pure ASGI middleware: 413 for bodies over ``limit`` bytes, whether or not they declare a length."""

    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    if int(v) > self.limit:
                        await _too_large(send, self.limit)
                        return
                except ValueError:
                    await _problem(send, 400, "invalid Content-Length")
                    return
        # Read the body first (at most `limit` bytes), then hand it on: chunked bodies are counted too.
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body = msg.get("body", b"")
            seen += len(body)
            if seen > self.limit:
                await _too_large(send, self.limit)
                return
            chunks.append(body)
            more = msg.get("more_body", False)
        data = b"".join(chunks)
        sent = False

        async def replay() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _problem(send: Any, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Any, limit: int) -> None:
    await _problem(send, 413, f"request body larger than {limit} bytes")
