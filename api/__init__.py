"""The diplomatic-kg web service: SPARQL 1.1 endpoint, REST lookups, ingestion. ``create_app()`` builds it."""

from api.main import create_app

__all__ = ["create_app"]
