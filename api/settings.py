"""Service settings (``KG_*`` environment variables or ``.env``), on top of the library's settings."""

from __future__ import annotations

from pydantic import Field, SecretStr

from kg.config import Settings


class APISettings(Settings):
    api_token: SecretStr | None = Field(None, description="Bearer token for writes; with none set, writes are off.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS (none: CORS off).")
    max_body_bytes: int = Field(2_000_000, description="Largest request body accepted (413 above).")
    query_timeout: float = Field(10.0, description="Deadline of one SPARQL query, in seconds.")
    max_rows: int = Field(10_000, description="Most results (rows or triples) one SPARQL query returns.")
    query_workers: int = Field(2, description="Worker processes answering SPARQL queries.")
