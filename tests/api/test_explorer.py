"""The web explorer in a real browser: headless Chromium driven by Playwright against a real server.

Skipped when Playwright or a Chromium binary is missing (``.ci/run`` installs both). Screenshots go to
``test-artifacts/`` for a human to look at.
"""

import os
import re
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
        # nothing the page loads is missing (the favicon included); /sparql answers 400 to the bad query on purpose
        failed: list[str] = []
        pg.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "/sparql" not in r.url
              else None)
        pg.goto(server + "/")
        yield pg
        assert not errors, errors
        assert not foreign, foreign
        assert not failed, failed
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


def test_time_chart_and_world_map_render(page):
    page.wait_for_selector("#chart rect.bar", timeout=15000)
    assert "Vladimir Putin" in page.inner_text("#chart-title")
    quads = page.eval_on_selector_all("#chart rect.bar", "els => [...new Set(els.map(e => e.dataset.quad))]")
    assert "verbal_cooperation" in quads
    assert page.locator("#chart path.goldstein").count() == 1 and page.locator("#chart circle.gpoint").count() >= 1
    page.wait_for_function("() => document.querySelectorAll('#map path[data-country]').length > 0", timeout=15000)
    assert page.locator("#map path").count() > 150  # every country of the shipped shapes is drawn
    coloured = page.eval_on_selector_all("#map path[data-country]", "els => els.map(e => [e.dataset.country, +e.dataset.events, e.getAttribute('fill')])")
    codes = {c for c, _, _ in coloured}
    assert {"RUS", "USA"} <= codes, codes
    assert all(n > 0 and fill != "#e4e7eb" for _, n, fill in coloured)
    page.screenshot(path=str(ARTIFACTS / "explorer-chart-map.png"))
    page.locator("#chart-panel").screenshot(path=str(ARTIFACTS / "explorer-time-chart.png"))
    page.locator("#map-panel").screenshot(path=str(ARTIFACTS / "explorer-map.png"))


def test_legend_names_every_shape_and_colour_the_graph_uses(page):
    legend = page.inner_text("#legend")
    shapes = page.evaluate("() => [...new Set(window.kgGraph.nodes().map(n => n.style('shape')))]")
    names = {"ellipse": "person", "round-rectangle": "country", "diamond": "organisation"}
    assert set(shapes) <= set(names), shapes
    for shape in names.values():
        assert shape in legend
    for words in ("cooperation", "neutral", "conflict", "edge width", "node size", "selected actor", "rings",
                  "verbal cooperation", "material conflict", "mean Goldstein", "no events"):
        assert words in legend, words
    colours = page.evaluate("() => [...new Set(window.kgGraph.edges().map(e => e.style('line-color').replace(/ /g, '')))]")
    legend_colours = page.eval_on_selector_all("#legend .sw", "els => els.map(e => getComputedStyle(e).backgroundColor.replace(/ /g, ''))")
    assert set(colours) <= set(legend_colours), (colours, legend_colours)


def test_brushing_a_period_filters_the_graph_and_the_timeline(page):
    edges = page.evaluate("() => window.kgGraph.edges().length")
    listed = page.locator("#timeline li[data-date]").count()
    first = page.locator("#chart rect.bar").first
    period = first.get_attribute("data-period")
    box = first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 2, box["y"] + box["height"] / 2)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector('#from').value.startsWith('{period}')", timeout=15000)
    page.wait_for_function(f"() => window.kgGraph && window.kgGraph.edges().length < {edges}", timeout=15000)
    d0, d1 = page.input_value("#from"), page.input_value("#to")
    assert d0 <= d1 and d1.startswith(period[:4])
    page.wait_for_function("() => document.querySelectorAll('#timeline li[data-date]:not([hidden])').length > 0",
                           timeout=15000)
    shown = page.eval_on_selector_all("#timeline li[data-date]:not([hidden])", "els => els.map(e => e.dataset.date)")
    assert shown and all(d0 <= d <= d1 for d in shown) and len(shown) < listed
    assert page.locator("#chart rect.brush[visibility=visible]").count() == 1
    assert f"from={d0}" in page.get_attribute("#downloads a[href*='graphml']", "href")
    page.screenshot(path=str(ARTIFACTS / "explorer-brushed.png"))
    page.click("#clear-period")
    page.wait_for_function(f"() => window.kgGraph && window.kgGraph.edges().length === {edges}", timeout=15000)
    assert page.input_value("#from") == ""


def test_labels_do_not_overlap_at_depth_two(page):
    page.select_option("#depth", "2")
    page.wait_for_function("() => window.kgGraph && window.kgGraph.nodes().some(n => n.data('label') === 'Slovenia')"
                           " && window.kgGraph.nodes().length > 8", timeout=15000)
    overlaps = page.evaluate("""() => {
        const boxes = window.kgGraph.nodes().map(n => [n.data('label'), n.boundingBox({includeLabels: true, includeOverlays: false})]);
        const out = [];
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const [a, A] = boxes[i], [b, B] = boxes[j];
            if (A.x1 < B.x2 && B.x1 < A.x2 && A.y1 < B.y2 && B.y1 < A.y2) out.push([a, b]);
        }
        return out;
    }""")
    assert overlaps == []
    page.screenshot(path=str(ARTIFACTS / "explorer-depth-2.png"))
    page.select_option("#depth", "1")
    page.wait_for_function("() => !window.kgGraph.nodes().some(n => n.data('label') === 'Slovenia')", timeout=15000)


def test_evidence_is_cut_at_a_word_boundary_with_an_ellipsis(page, server):
    full = [i["evidence"] for i in httpx.get(server + "/leaders/person/vladimir-putin/timeline?limit=500").json()]
    cut = [t for t in page.eval_on_selector_all("#timeline li span.muted", "els => els.map(e => e.textContent)")
           if t.endswith("…")]
    assert cut, "some evidence is long enough to be cut"
    for t in cut:
        head = t[:-1]
        whole = next(e for e in full if e.startswith(head))
        assert whole[len(head)] in " ,;:.-–—", (head[-20:], whole[len(head):len(head) + 10])


def test_plurals_read_right(page):
    page.fill("#search", "Ronald Reagan")
    page.press("#search", "Enter")
    page.wait_for_function("() => document.querySelector('#details-title').textContent === 'Ronald Reagan'", timeout=15000)
    page.wait_for_function("() => document.querySelector('#details-body').textContent.includes(' in 1 article')",
                           timeout=15000)
    body = page.inner_text("#details-body") + page.inner_text("#chart-title") + page.inner_text("#map-title")
    assert not re.search(r"\b1 (events|articles|connections|countries)\b", body), body


def test_clicking_a_country_on_the_map_selects_it(page):
    page.wait_for_function("() => document.querySelector('#map path[data-country=\"USA\"]')", timeout=15000)
    page.dispatch_event('#map path[data-country="USA"]', "click")
    page.wait_for_function("() => document.querySelector('#details-title').textContent === 'United States'", timeout=15000)
    page.wait_for_function("() => window.kgGraph.nodes().some(n => n.id() === 'country/USA')", timeout=15000)
    page.wait_for_function("() => document.querySelector('#map path.selected')", timeout=15000)
    assert page.get_attribute("#map path.selected", "data-country") == "USA"
    assert "United States" in page.inner_text("#chart-title")


def test_favicon_is_served(server):
    for path in ("/favicon.ico", "/static/favicon.svg"):
        r = httpx.get(server + path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml") and b"<svg" in r.content


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
