"""Service settings (``KG_*`` environment variables or ``.env``), on top of the library's settings."""

from __future__ import annotations

from pydantic import Field, SecretStr

from kg.config import Settings


class APISettings(Settings):
    api_token: SecretStr | None = Field(None, description="Bearer token for writes; with none set, writes are off.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS (none: CORS off).")
    announce_url: str | None = Field(None, description=(
        "Set by `kg serve`: the URL written to the data folder's .kg-server.json for `kg ingest`."))
    local_token: SecretStr | None = Field(None, description=(
        "A write token made by `kg serve` for this run and written to the data folder's .kg-server.json "
        "(owner-only), so that `kg ingest` can hand articles to the running server; not for clients."))
    max_body_bytes: int = Field(4_500_000, description=(
        "Largest request body accepted (413 above): room for an article of KG_MAX_CHARS characters in JSON."))
    query_timeout: float = Field(10.0, gt=0, description="Deadline of one SPARQL query, in seconds, counted from "
                                 "the moment a worker takes it (503 past it).")
    max_rows: int = Field(10_000, description="Most results (rows or triples) one SPARQL query returns.")
    query_workers: int = Field(4, ge=1, le=64, description="Worker processes answering SPARQL queries: at most this "
                               "many queries run at once.")
    query_queue: int = Field(8, ge=0, le=1000, description="SPARQL queries that may wait for a busy worker; more "
                             "are refused at once (503 with Retry-After).")
    query_wait: float = Field(5.0, gt=0, description="Longest wait for a free query worker, in seconds (503 with "
                              "Retry-After past it); not part of the query's deadline.")
    max_query_chars: int = Field(100_000, ge=100, description="Longest SPARQL query accepted, in characters "
                                 "(413 above); well below max_body_bytes.")
    answer_cache_mb: float = Field(32.0, ge=0, le=4096, description=(
        "Memory, in MB, for whole answers to GET lookups kept until the store's next write (0: none); a "
        "repeated request is then answered without running the lookup. Embedded and in-memory stores only."))
    max_query_depth: int = Field(500, ge=10, le=2000, description="Deepest nesting of braces, parentheses and "
                                 "brackets accepted in a SPARQL query (400 above).")
