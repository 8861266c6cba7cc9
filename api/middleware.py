"""Request body limit (declared and chunked bodies alike), security headers, revalidation and kept answers of lookups, and short error responses."""

from __future__ import annotations

import json
from collections import OrderedDict
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


# The explorer and the API docs (Swagger UI, ReDoc) load only files this service serves; the docs pages need
# inline scripts (their start-up code) and ReDoc a blob: worker. Every other response is data and may load nothing.
CSP_EXPLORER = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                "frame-ancestors 'none'")
CSP_DOCS = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
CSP_DATA = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


def csp_for(path: str) -> str:
    if path == "/" or path.startswith("/static/"):
        return CSP_EXPLORER
    if path in ("/docs", "/redoc", "/docs/oauth2-redirect") or path.startswith("/docs-assets/"):
        return CSP_DOCS
    return CSP_DATA


class SecurityHeaders:
    """Pure ASGI middleware: nosniff, no framing, no referrer, and a Content-Security-Policy on every response."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                 (b"referrer-policy", b"no-referrer"),
                 (b"content-security-policy", csp_for(scope.get("path", "")).encode())]

        async def send_with_headers(msg: dict) -> None:
            if msg["type"] == "http.response.start":
                names = {k.lower() for k, _ in msg.get("headers", [])}
                msg = {**msg, "headers": list(msg.get("headers", [])) + [h for h in extra if h[0] not in names]}
            await send(msg)

        await self.app(scope, receive, send_with_headers)


# Read-only lookups whose answers change only when the store is written to
CACHEABLE = ("/relations", "/search", "/leaders", "/entities/", "/events", "/stances", "/path", "/articles", "/series", "/geo",
             "/export")
KEPT = tuple(p for p in CACHEABLE if p != "/export")  # answers kept in memory (exports stream, and can be huge)


class Answers:
    """Whole answers to GET lookups, kept until the store's next write, within a budget of bytes (oldest first out)."""

    def __init__(self, budget: int):
        self.budget, self.used, self.tag = budget, 0, b""
        self.items: OrderedDict[bytes, tuple[list, bytes]] = OrderedDict()

    def get(self, tag: bytes, key: bytes) -> tuple[list, bytes] | None:
        if tag != self.tag:
            self.items.clear()
            self.used, self.tag = 0, tag
            return None
        hit = self.items.get(key)
        if hit is not None:
            self.items.move_to_end(key)
        return hit

    def put(self, tag: bytes, key: bytes, headers: list, body: bytes) -> None:
        size = len(body) + len(key) + 200
        if tag != self.tag or size > self.budget // 8:
            return
        self.items[key] = (headers, body)
        self.used += size
        while self.used > self.budget and self.items:
            k, (_, b) = self.items.popitem(last=False)
            self.used -= len(b) + len(k) + 200


class Revalidation:
    """Pure ASGI middleware: GET lookups carry an ETag naming the store's state (this server run and its write
    count) and ``Cache-Control: no-cache``, so a browser or proxy revalidates with ``If-None-Match`` and gets
    304 without the lookup running when nothing was written since. Whole answers are also kept in memory
    (``answer_bytes``, 0: none) until the next write, and a repeated request is answered from there without
    reaching the lookup. Remote stores, which other writers change, get neither."""

    def __init__(self, app: Any, run: str, answer_bytes: int = 0):
        self.app, self.run = app, run
        self.answers = Answers(answer_bytes) if answer_bytes > 0 else None

    def _tag(self, scope: dict) -> bytes | None:
        store = getattr(scope["app"].state, "store", None)
        if store is None or store.remote is not None:
            return None
        return f'W/"{self.run}-{store.generation}"'.encode()

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "GET" or not path.startswith(CACHEABLE):
            await self.app(scope, receive, send)
            return
        tag = self._tag(scope)
        if tag is None:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        asked = headers.get(b"if-none-match", b"")
        if tag in [t.strip() for t in asked.split(b",")] or asked.strip() == b"*":
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", tag), (b"cache-control", b"no-cache")]})
            await send({"type": "http.response.body", "body": b""})
            return
        tagged = [(b"etag", tag), (b"cache-control", b"no-cache")]
        key = None
        if self.answers is not None and path.startswith(KEPT):
            # CORS headers (added inside this middleware) depend on the Origin asked from
            key = path.encode() + b"?" + scope.get("query_string", b"") + b"\n" + headers.get(b"origin", b"")
            hit = self.answers.get(tag, key)
            if hit is not None:
                await send({"type": "http.response.start", "status": 200, "headers": hit[0]})
                await send({"type": "http.response.body", "body": hit[1]})
                return
        start: dict = {}
        parts: list[bytes] = []

        async def send_with_tag(msg: dict) -> None:
            if msg["type"] == "http.response.start" and msg.get("status") == 200:
                msg = {**msg, "headers": [*msg.get("headers", []), *tagged]}
                start.update(msg)
            elif msg["type"] == "http.response.body" and start and key is not None:
                parts.append(msg.get("body", b""))
                if not msg.get("more_body") and self.answers is not None:
                    self.answers.put(tag, key, start["headers"], b"".join(parts))
            await send(msg)

        await self.app(scope, receive, send_with_tag)
