"""POST /articles with an article longer than spaCy's max_length, and one longer than KG_MAX_CHARS."""

import pytest

from tests.test_long_text import _filler_article

pytestmark = [pytest.mark.model]


@pytest.mark.slow
def test_api_ingests_a_1_3m_character_article_and_refuses_a_3m_one(store_copy):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import APISettings
    from tests.api.conftest import TOKEN, make_settings

    limit = APISettings.model_fields["max_body_bytes"].default  # the shipped limit, not the tests' small one
    auth = {"authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(make_settings(store_copy, max_body_bytes=limit))) as client:
        r = client.post("/articles", json={"id": "big", "text": _filler_article(1_300_000)}, headers=auth)
        assert r.status_code == 201 and r.json()["events"] >= 1
        assert client.get("/articles/big").json()["text"] == _filler_article(1_300_000)
        r = client.post("/articles", json={"id": "huge", "text": _filler_article(3_000_000)}, headers=auth)
        assert r.status_code in (413, 422) and "detail" in r.json()
