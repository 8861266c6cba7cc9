"""The web explorer in a real browser: headless Chromium driven by Playwright against a real server.

Skipped when Playwright or a Chromium binary is missing (``.ci/run`` installs both). Screenshots go to
``test-artifacts/`` for a human to look at.
"""

import os
import shutil
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import live_server

pytestmark = [pytest.mark.slow, pytest.mark.model]

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("KG_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"



@pytest.fixture(scope="module")
def server(example_store_dir, tmp_path_factory):
    dst = tmp_path_factory.mktemp("explorer") / "store"
    shutil.copytree(example_store_dir, dst, ignore=shutil.ignore_patterns("LOCK"))
    with live_server(dst, KG_API_TOKEN="explorer-test-token-0123") as base:
        yield base


@pytest.fixture(scope="module")
def page(server):
    if not CHROMIUM:
        pytest.skip("no chromium binary (apt-get install chromium, or set KG_TEST_CHROMIUM)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-dev-shm-usage"])
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        # The page must work with no internet: every request stays on the server.
        foreign: list[str] = []
        pg.on("request", lambda r: None if r.url.startswith(server) else foreign.append(r.url))
        pg.goto(server + "/")
        yield pg
        assert not errors, errors
        assert not foreign, foreign
        browser.close()


def _search(page, text: str) -> None:
    page.fill("#search", text)
    page.press("#search", "Enter")
    page.wait_for_function("() => window.kgGraph && window.kgGraph.nodes().length > 1", timeout=15000)
    page.wait_for_function("() => document.querySelectorAll('#timeline li[data-date]').length > 0", timeout=15000)


def test_search_shows_neighbourhood_and_offices(page):
    _search(page, "Putin")
    labels = page.evaluate("() => window.kgGraph.nodes().map(n => n.data('label'))")
    assert any("Putin" in x for x in labels)
    assert any("Bush" in x for x in labels), labels
    # at depth 1 every other node is a direct neighbour of the searched actor
    far = page.evaluate("""() => {
        const c = window.kgGraph.nodes().filter(n => n.data('label').includes('Putin'))[0];
        return window.kgGraph.nodes().filter(n => n !== c && !n.edgesWith(c).length).map(n => n.id());
    }""")
    assert far == []
    page.wait_for_selector("#details-body h3")
    body = page.inner_text("#details-body")
    assert "President" in body and "Offices" in body
    page.screenshot(path=str(ARTIFACTS / "explorer-putin.png"))


def test_timeline_is_in_date_order(page):
    dates = page.evaluate(
        "() => [...document.querySelectorAll('#timeline li[data-date]')].map(li => li.dataset.date).filter(Boolean)")
    assert len(dates) >= 3
    assert dates == sorted(dates)


def test_clicking_an_edge_shows_the_evidence(page):
    page.evaluate("""() => {
        const e = window.kgGraph.edges().filter(e => e.source().data('label').includes('Bush') && e.target().data('label').includes('Putin')
            || e.source().data('label').includes('Putin') && e.target().data('label').includes('Bush'))[0];
        e.emit('tap');
    }""")
    page.wait_for_function("() => document.querySelectorAll('#details-body blockquote').length > 0", timeout=15000)
    assert page.inner_text("#details-title") == "Between the two"
    quotes = page.eval_on_selector_all("#details-body blockquote", "els => els.map(e => e.textContent)")
    assert len(quotes) >= 3
    assert sum("Bush" in q or "Putin" in q for q in quotes) >= 2, quotes
    links = page.eval_on_selector_all("#details-body .meta a", "els => els.map(e => e.getAttribute('href'))")
    assert links and all(x.startswith("/articles/") for x in links)
    page.screenshot(path=str(ARTIFACTS / "explorer-edge.png"))


def test_filter_by_type_narrows_the_graph(page):
    before = page.evaluate("() => window.kgGraph.edges().length")
    page.select_option("#type", "CONSULT")
    page.wait_for_function(f"() => window.kgGraph && window.kgGraph.edges().length < {before}", timeout=15000)
    assert page.evaluate("() => window.kgGraph.edges().length") >= 1
    href = page.get_attribute("#downloads a[href*='graphml']", "href")
    assert "type=CONSULT" in href and "format=graphml" in href
    page.select_option("#type", "")


def test_download_links_serve_files(page, server):
    hrefs = page.eval_on_selector_all("#downloads a", "els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) >= 6
    for h in hrefs:
        r = httpx.get(server + h, timeout=30)
        assert r.status_code == 200, (h, r.text[:200])
        assert r.content


def test_sparql_tab_runs_a_query(page):
    page.click("button.tab[data-tab=sparql]")
    page.select_option("#examples", "Offices held")
    page.click("#run")
    page.wait_for_function("() => document.querySelectorAll('#sparql-results tbody tr').length > 0", timeout=15000)
    text = page.inner_text("#sparql-results")
    assert "Putin" in text
    assert "rows in" in page.inner_text("#sparql-status")
    page.fill("#query", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    page.wait_for_function("() => !document.querySelector('#sparql-status').textContent.includes('running')")
    assert page.inner_text("#sparql-status").strip()
    assert page.evaluate("() => document.querySelectorAll('#sparql-results tr').length") == 0
    page.screenshot(path=str(ARTIFACTS / "explorer-sparql.png"))


@pytest.mark.parametrize("path, ready", [("/docs", ".opblock"), ("/redoc", "[data-section-id]")])
def test_api_docs_render_with_every_other_host_blocked(page, server, path, ready):
    """Swagger UI and ReDoc load their assets from the service itself: with the network cut off but for the
    service, both pages render every operation, and the explorer links to both."""
    assert page.locator('a[href="/docs"]').count() == 1 and page.locator('a[href="/redoc"]').count() == 1
    pg = page.context.browser.new_page()
    blocked: list[str] = []

    def only_the_service(route):  # noqa: ANN001
        if route.request.url.startswith((server, "blob:", "data:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    pg.route("**/*", only_the_service)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(server + path)
        pg.locator(ready).nth(10).wait_for(timeout=20000)  # the pages' CSP forbids eval, so no wait_for_function
        pg.screenshot(path=str(ARTIFACTS / f"docs{path.replace('/', '-')}.png"))
    finally:
        pg.close()
    assert not blocked, blocked
    assert not errors, errors
