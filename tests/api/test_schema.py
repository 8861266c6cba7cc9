"""schemathesis against the service's own OpenAPI document: no 5xx answers, no schema violations.

Runs in-process over ASGI (no HTTP parser in between). The one check left out is
"positive data acceptance": a syntactically valid string that is not valid SPARQL, or
a well-formed but impossible date, is rightly answered with 400/422.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api import create_app
from tests.api.conftest import EXAMPLES, make_settings

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from kg.ingest import ingest_many
    from kg.store import open_store
    from kg.textio import read_path

    store = open_store(backend="memory")
    list(ingest_many(store, [a for a in read_path(EXAMPLES) if a.id in ("reykjavik-1986", "minsk-talks-2015")]))
    return create_app(make_settings(tmp_path_factory.mktemp("unused")), store=store)


def test_schema_no_server_errors_or_violations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 12
    for op in operations:

        @given(case=op.as_strategy())
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
