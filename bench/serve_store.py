"""Serve a store folder with diplomatic-kg (used by the benchmarks): python bench/serve_store.py DIR PORT [DEADLINE]."""

import sys

import uvicorn

from api import create_app
from api.settings import APISettings

if __name__ == "__main__":
    uvicorn.run(create_app(APISettings(data_dir=sys.argv[1], query_timeout=float(sys.argv[3]) if len(sys.argv) > 3 else 30)), host="127.0.0.1",
                port=int(sys.argv[2]), log_level="warning")
