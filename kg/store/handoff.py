"""Hand articles to a running `kg serve` when it holds the store.

An embedded store has one writer: while `kg serve` runs on a data folder, `kg ingest` cannot open it. The
server therefore announces itself in ``<data dir>/.kg-server.json`` (its URL, its process id and a token made
for this run; the file is readable by its owner only), and the CLI sends the articles to it instead: the same
command, and each article is stored, and visible to queries, when its request returns.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

FILE = ".kg-server.json"


def announce(data_dir: Path, url: str, token: str) -> Path:
    """Write the server file (owner-only); returns its path."""
    path = Path(data_dir) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"url": url, "pid": os.getpid(), "token": token}, f)
    return path


def withdraw(path: Path) -> None:
    """Remove the server file if it is still this process's."""
    with contextlib.suppress(OSError, ValueError):
        if json.loads(path.read_text(encoding="utf-8")).get("pid") == os.getpid():
            path.unlink()


def running_server(data_dir: Path) -> dict[str, Any] | None:
    """The server announced for ``data_dir``, if its process is alive."""
    try:
        info = json.loads((Path(data_dir) / FILE).read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info if isinstance(info.get("url"), str) and isinstance(info.get("token"), str) else None


def post_article(server: dict[str, Any], article: dict[str, Any], wait: float = 15.0) -> tuple[int, dict[str, Any]]:
    """POST one article to the server; (HTTP status, JSON body). Connection failures are retried for ``wait``
    seconds (the server may still be starting)."""
    body = json.dumps(article).encode("utf-8")
    req = urllib.request.Request(server["url"].rstrip("/") + "/articles", data=body, method="POST", headers={
        "content-type": "application/json", "authorization": f"Bearer {server['token']}"})
    end = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(req, timeout=600) as resp:  # noqa: S310 - a loopback URL this server wrote
                return resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as exc:
            try:
                return exc.code, json.loads(exc.read() or b"{}")
            except ValueError:
                return exc.code, {"detail": exc.reason}
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > end:
                raise
            time.sleep(0.2)
