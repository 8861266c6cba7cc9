"""The query scanner: the engine's lexical reading, the canonical text it is given, and what it refuses."""

import pytest

from kg.sparql import inspect_query
from kg.sparqlscan import MalformedQuery, QueryRejected, tokens

OWN = "https://w3id.org/diplomatic-kg/id/"


def test_a_u_escaped_quote_stays_inside_the_string_and_is_written_plainly():
    s = inspect_query('SELECT ?x WHERE { ?x rdfs:label "a\\u0022b" }')
    assert s.text == 'SELECT ?x WHERE { ?x rdfs:label "a\\"b" }'
    assert [t.kind for t in tokens('"a\\u0022 } #"')] == ["string"]


def test_escaped_iris_are_written_without_escapes_and_comments_are_blanked():
    q = "SELECT * WHERE { ?s <http://example.org/\\u0061> ?o } # note\n"
    s = inspect_query(q)
    assert s.text == "SELECT * WHERE { ?s <http://example.org/a> ?o } " + " " * 6 + "\n"
    with pytest.raises(MalformedQuery, match="IRIs cannot hold"):
        inspect_query("SELECT * WHERE { ?s <urn:a\\u003E> ?o }")


@pytest.mark.parametrize("q", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "PREFIX : <http://x/> SELECT * WHERE { SERVICE:a { ?s ?p ?o } }",
    "PREFIX ex: <http://x/> SELECT * WHERE { serviceex:a { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(true)SERVICE<http://x/>{ ?a ?b ?c } }",
    "PREFIX ex: <urn:x:> SELECT * WHERE { ?s ?p ex:o\\# SERVICE <http://x/> { ?a ?b ?c } }",
    'SELECT * WHERE { ?s ?p "x"@en-service }',
])
def test_service_in_code_is_refused_in_every_spelling(q):
    with pytest.raises(QueryRejected, match="SERVICE"):
        inspect_query(q)


def test_service_in_strings_variables_iris_and_comments_is_fine():
    s = inspect_query('SELECT ?service WHERE { ?service rdfs:label "Secret Service" ; <urn:service> ?o } # service')
    assert s.kind == "SELECT"


@pytest.mark.parametrize(("q", "graphs"), [
    (f"SELECT * FROM <{OWN}graph/a> WHERE {{ ?s ?p ?o }}", [f"{OWN}graph/a"]),
    ("SELECT * FROM id:graph\\/b WHERE { ?s ?p ?o }", [f"{OWN}graph/b"]),
    (f"PREFIX g: <{OWN}graph/> SELECT * FROM g:c WHERE {{ ?s ?p ?o }}", [f"{OWN}graph/c"]),
])
def test_from_names_own_graphs_by_iri_or_prefixed_name(q, graphs):
    assert inspect_query(q).default_graphs == graphs


@pytest.mark.parametrize("q", [
    "PREFIX ex: <http://elsewhere.example/> SELECT * FROM ex:x WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://elsewhere.example/> SELECT * FROM NAMED ex:x WHERE { ?s ?p ?o }",
    "SELECT * FROM <graph/a> WHERE { ?s ?p ?o }",
    f"BASE <{OWN}graph/> SELECT * FROM <../../../elsewhere> WHERE {{ ?s ?p ?o }}",
    "PREFIX fromx: <urn:> SELECT * WHERE { ?s ?p fromx:a }",
    "SELECT * FROMNAMED <urn:x> WHERE { ?s ?p ?o }",
])
def test_foreign_or_glued_dataset_clauses_are_refused(q):
    with pytest.raises(QueryRejected):
        inspect_query(q)


def test_kinds_updates_and_unreadable_text():
    assert inspect_query("PREFIX x: <urn:x> BASE <urn:b> ask { ?s ?p ?o }").kind == "ASK"
    assert inspect_query("DESCRIBE id:person\\/someone").kind == "DESCRIBE"
    with pytest.raises(QueryRejected, match="read-only"):
        inspect_query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(MalformedQuery, match="unterminated"):
        inspect_query('SELECT * WHERE { ?s ?p "open }')
    with pytest.raises(MalformedQuery, match="quote follows"):
        inspect_query('SELECT * WHERE { ?s ?p """a"""" }')
    with pytest.raises(MalformedQuery, match="unexpected character"):
        inspect_query("SELECT * WHERE { \\u0053ERVICE <urn:x> { } }")


def test_depth_is_limited():
    assert inspect_query("SELECT * WHERE " + "{ " * 400 + "} " * 400).depth == 400
    with pytest.raises(QueryRejected, match="deeper than 500"):
        inspect_query("SELECT * WHERE { FILTER(" + "(" * 600 + "1" + ")" * 600 + ") }")


def test_an_undefined_prefix_is_named_in_the_error():
    from kg.sparql import inspect_query

    with pytest.raises(MalformedQuery) as err:
        inspect_query("SELECT * WHERE { ?s foo:bar ?o }")
    msg = str(err.value)
    assert "undefined prefix 'foo:'" in msg and "line 1" in msg and "dkg:" in msg and len(msg) < 400
    assert inspect_query("PREFIX foo: <http://example.org/> SELECT * WHERE { ?s foo:bar ?o }").kind == "SELECT"
    assert inspect_query("SELECT * WHERE { ?s dkg:trigger ?o }").kind == "SELECT"
