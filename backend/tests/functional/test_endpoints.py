"""GET /health, /version, /metrics, /openapi.json over real HTTP."""

from __future__ import annotations

import re

import requests

from conftest import REPO

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def project_version() -> str:
    text = (REPO / "backend" / "CMakeLists.txt").read_text()
    return re.search(r"VERSION (\d+\.\d+\.\d+)", text).group(1)


def test_health_reports_ok_with_its_checks(server):
    r = requests.get(f"{server.url}/health", timeout=5)
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    body = r.json()
    assert body["status"] == "ok"
    assert body["service"] == "innovation-hub"
    assert body["version"] == project_version()
    assert RFC3339.match(body["timestamp"])
    assert body["uptime_seconds"] >= 0
    assert isinstance(body["checks"], list)
    assert set(body) == {"status", "service", "version", "timestamp", "uptime_seconds", "checks"}


def test_head_health_has_headers_and_no_body(server):
    r = requests.head(f"{server.url}/health", timeout=5)
    assert r.status_code == 200
    assert r.content == b""
    assert int(r.headers["Content-Length"]) > 0


def test_version_names_the_build(server):
    r = requests.get(f"{server.url}/version", timeout=5)
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "innovation-hub-api"
    assert body["version"] == project_version()
    assert re.match(r"^([0-9a-f]{7,40}(-dirty)?|unknown)$", body["git_commit"])
    assert RFC3339.match(body["build_time"])
    assert body["compiler"].startswith("GNU ")
    assert body["build_type"]


def test_metrics_count_requests_per_route_and_status_class(fresh_server):
    url = fresh_server.url
    for _ in range(3):
        assert requests.get(f"{url}/health", timeout=5).status_code == 200
    assert requests.get(f"{url}/nope", timeout=5).status_code == 404
    body = requests.get(f"{url}/metrics", timeout=5).json()
    routes = {r["route"]: r for r in body["routes"]}
    assert routes["GET /health"]["requests"] == 3
    assert routes["GET /health"]["status"]["2xx"] == 3
    assert routes["unmatched"]["status"]["4xx"] == 1
    latency = routes["GET /health"]["latency_ms"]
    assert 0 < latency["p50"] <= latency["p95"] <= latency["p99"]
    assert body["requests_total"] == 4
    assert body["cold_start"] is False
    assert body["uptime_seconds"] > 0
    assert body["init_duration_ms"] > 0
    assert RFC3339.match(body["started_at"])


def test_openapi_describes_every_route_with_its_models(server):
    r = requests.get(f"{server.url}/openapi.json", timeout=5)
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"] == "3.1.0"
    assert doc["info"]["version"] == project_version()
    assert set(doc["paths"]) >= {"/health", "/version", "/metrics", "/openapi.json"}
    schemas = doc["components"]["schemas"]
    assert {"HealthReport", "ComponentHealth", "VersionInfo", "MetricsSnapshot", "Problem"} <= set(schemas)
    health = doc["paths"]["/health"]["get"]
    assert health["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/HealthReport"}
    assert "503" in health["responses"]
    assert schemas["HealthReport"]["additionalProperties"] is False
    assert schemas["HealthReport"]["properties"]["status"]["enum"] == ["ok", "failing"]

    def refs(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "$ref":
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    for ref in refs(doc):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
