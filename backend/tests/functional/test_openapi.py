"""The API's description and its page: docs/openapi.json is what the code says, valid OpenAPI 3.1,
and what hub-server and bootstrap-health serve; GET /docs works with nothing but its own origin."""

from __future__ import annotations

import base64
import difflib
import gzip
import json
import pathlib
import subprocess
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from conftest import BIN_DIR, REPO, binary, clean_env, start_server
from test_lambda import apigw_event, start_function

COMMITTED = REPO / "docs" / "openapi.json"
# Where the build staged Swagger UI (backend/cmake/DocsUi.cmake), beside the binaries under test.
STAGED_UI = BIN_DIR.parent / "share" / "docs-ui"

DOCS_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_TYPES = {".css": "text/css", ".js": "text/javascript", ".png": "image/png", ".json": "application/json"}


def generated_description() -> str:
    done = subprocess.run([str(binary("hubctl")), "openapi"], env=clean_env(), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, f"hubctl openapi failed: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(COMMITTED.read_text())


def test_the_committed_description_is_what_the_code_says():
    generated = generated_description()
    current = COMMITTED.read_text() if COMMITTED.exists() else ""
    if generated != current:
        diff = list(difflib.unified_diff(current.splitlines(), generated.splitlines(),
                                         "docs/openapi.json (committed)", "hubctl openapi (the code)", lineterm="",
                                         n=2))
        shown = "\n".join(diff[:60]) + (f"\n... {len(diff) - 60} more diff lines" if len(diff) > 60 else "")
        pytest.fail(f"docs/openapi.json differs from the code's description:\n{shown}\n"
                    "run `make openapi` and commit docs/openapi.json", pytrace=False)


def test_the_description_is_printed_the_same_way_every_time():
    text = generated_description()
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n", \
        "indented by two, keys sorted"


def test_the_committed_description_is_valid_openapi_3_1(committed):
    assert committed["openapi"].startswith("3.1.")
    validate(committed, cls=OpenAPIV31SpecValidator)
    version = subprocess.run([str(binary("hubctl")), "version"], capture_output=True, text=True, env=clean_env(),
                             timeout=30).stdout.split()[1]
    assert committed["info"]["version"] == version, "info.version is the project's version, not a commit"


def test_the_committed_description_covers_every_route_group(committed):
    paths = set(committed["paths"])
    assert {"/health", "/version", "/metrics", "/openapi.json", "/docs", "/auth/session"} <= paths
    assert not any(p.startswith("/docs/") for p in paths), "the page's files are not API operations"
    assert "text/html" in committed["paths"]["/docs"]["get"]["responses"]["200"]["content"]


def test_hub_server_and_bootstrap_health_serve_the_committed_description(server, committed, tmp_path):
    from_server = requests.get(f"{server.url}/openapi.json", timeout=5)
    assert from_server.status_code == 200
    assert from_server.headers["Content-Type"] == "application/json"

    fn = start_function(tmp_path, [str(binary("bootstrap-health"))])
    try:
        outcome = fn.api.invoke(apigw_event("GET", "/openapi.json"), timeout=30)
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
    assert outcome.kind == "response"
    response = outcome.json()
    assert response["statusCode"] == 200
    from_lambda = json.loads(base64.b64decode(response["body"]) if response["isBase64Encoded"] else response["body"])

    assert from_server.json() == from_lambda, "hub-server and bootstrap-health describe the same API"
    assert from_server.json() == committed, "and it is the committed docs/openapi.json"


# ---- GET /docs --------------------------------------------------------------------------------------


class Links(HTMLParser):
    """Every URL the page refers to (src, href) and every inline script or style attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.urls += [value for name, value in attrs if name in ("src", "href") and value]
        self.style_attributes += "style" in attributes
        self._in_script = tag == "script"
        if tag == "script" and "src" not in attributes:
            self.inline_scripts += 1

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        self._in_script = False


def csp_directives(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def page_links(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def test_docs_is_a_page_that_uses_only_its_own_origin(server):
    page = requests.get(f"{server.url}/docs", timeout=5)
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "http://" not in page.text and "https://" not in page.text, "no CDN, no absolute URL"
    links = page_links(page.text)
    assert links.inline_scripts == 0 and links.style_attributes == 0, "nothing inline: the CSP forbids it"
    assert links.urls, "the page loads its files"
    for url in links.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and not url.startswith("/"), \
            f"{url}: relative to the page, so it works under any prefix (an API Gateway stage)"
    assert {urlsplit(u).path for u in links.urls} >= {"docs/swagger-ui.css", "docs/swagger-ui-bundle.js",
                                                       "docs/init.js"}


def test_docs_policy_allows_exactly_what_the_page_needs(server):
    page = requests.get(f"{server.url}/docs", timeout=5)
    assert csp_directives(page.headers["Content-Security-Policy"]) == DOCS_CSP
    assert "unsafe" not in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-cache"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert requests.get(f"{server.url}/docs", headers={"If-None-Match": page.headers["ETag"]},
                        timeout=5).status_code == 304
    # Everything else keeps the strict policy and is never cached.
    for path in ("/health", "/openapi.json", "/docs/nope"):
        other = requests.get(f"{server.url}{path}", timeout=5)
        assert other.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'", path
        assert other.headers["Cache-Control"] == "no-store", path


def test_every_file_the_page_refers_to_is_served_with_its_type(server):
    page_url = f"{server.url}/docs"
    for url in page_links(requests.get(page_url, timeout=5).text).urls:
        absolute = urljoin(page_url, url)
        r = requests.get(absolute, timeout=10)
        assert r.status_code == 200, absolute
        suffix = pathlib.PurePosixPath(urlsplit(absolute).path).suffix
        assert r.headers["Content-Type"].split(";")[0] == CONTENT_TYPES[suffix], absolute
        if "?v=" in url:
            assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable", absolute
        staged = STAGED_UI / pathlib.PurePosixPath(urlsplit(absolute).path).name
        if staged.exists():
            assert r.content == staged.read_bytes(), f"{absolute} is the staged Swagger UI file"


def test_scripts_and_styles_are_gzipped_for_clients_that_accept_it(server):
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        raw = requests.get(f"{server.url}/docs/{name}", headers={"Accept-Encoding": "gzip"}, stream=True,
                           timeout=10)
        assert raw.headers["Content-Encoding"] == "gzip"
        assert raw.headers["Vary"] == "Accept-Encoding"
        body = raw.raw.read(decode_content=False)
        assert gzip.decompress(body) == (STAGED_UI / name).read_bytes()
        assert len(body) < len((STAGED_UI / name).read_bytes()) / 2
        identity = requests.get(f"{server.url}/docs/{name}", headers={"Accept-Encoding": "identity"}, timeout=10)
        assert "Content-Encoding" not in identity.headers
        assert identity.content == (STAGED_UI / name).read_bytes()


def test_without_swagger_ui_docs_answers_503_saying_how_to_install_it(tmp_path):
    srv = start_server(tmp_path, clean_env(HUB_DOCS_DIR=str(tmp_path / "empty")))
    try:
        r = requests.get(f"{srv.url}/docs", timeout=5)
        assert r.status_code == 503
        assert r.headers["Content-Type"] == "application/problem+json"
        problem = r.json()
        assert problem["code"] == "DEPENDENCY_UNAVAILABLE"
        assert "scripts/bootstrap" in problem["detail"] and "HUB_DOCS_DIR" in problem["detail"]
        assert str(tmp_path) not in r.text, "the server's folders stay private"
        assert requests.get(f"{srv.url}/health", timeout=5).status_code == 200, "the rest of the API is served"
        warning = [l for l in srv.log_lines() if l.get("message", "").startswith("docs page not installed")]
        assert warning and warning[0]["docs_dir"] == str(tmp_path / "empty")
    finally:
        assert srv.stop() == 0


def test_docs_through_the_lambda_path(tmp_path):
    fn = start_function(tmp_path, [str(binary("bootstrap-health"))])
    try:
        page = fn.api.invoke(apigw_event("GET", "/docs"), timeout=30).json()
        assert page["statusCode"] == 200
        assert page["headers"]["Content-Type"] == "text/html; charset=utf-8"
        assert csp_directives(page["headers"]["Content-Security-Policy"]) == DOCS_CSP
        assert page["isBase64Encoded"] is False

        script = fn.api.invoke(apigw_event("GET", "/docs/swagger-ui-bundle.js",
                                           {"accept-encoding": "gzip, deflate, br"}), timeout=30).json()
        assert script["statusCode"] == 200
        assert script["headers"]["Content-Encoding"] == "gzip"
        assert script["isBase64Encoded"] is True, "a gzip body travels base64-encoded"
        assert gzip.decompress(base64.b64decode(script["body"])) == (STAGED_UI / "swagger-ui-bundle.js").read_bytes()
    finally:
        fn.api.stop()
        fn.process.wait(timeout=10)
