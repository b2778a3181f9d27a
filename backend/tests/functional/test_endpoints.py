"""GET /health, /version, /metrics, /openapi.json, /auth/session over real HTTP."""

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


def test_metrics_and_the_session_need_a_token(server):
    for path in ("/metrics", "/auth/session"):
        r = requests.get(f"{server.url}{path}", timeout=5)
        assert r.status_code == 401, path
        assert r.headers["WWW-Authenticate"] == 'Bearer realm="innovation-hub"'
        assert r.headers["Content-Type"] == "application/problem+json"
        assert r.headers["X-Request-Id"] == r.json()["request_id"]
        assert r.json()["code"] == "UNAUTHENTICATED"

        forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln"
        r = requests.get(f"{server.url}{path}?access_token={forged}", timeout=5,
                         headers={"Authorization": f"Bearer {forged}"})
        assert r.status_code == 401, path
        assert r.headers["WWW-Authenticate"] == 'Bearer realm="innovation-hub", error="invalid_token"'
        assert forged not in r.text


def test_public_routes_ignore_a_bad_token(server):
    for path in ("/health", "/version", "/openapi.json"):
        r = requests.get(f"{server.url}{path}", headers={"Authorization": "Bearer garbage"}, timeout=5)
        assert r.status_code == 200, path


def test_openapi_describes_every_route_with_its_models(server):
    r = requests.get(f"{server.url}/openapi.json", timeout=5)
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"] == "3.1.0"
    assert doc["info"]["version"] == project_version()
    assert set(doc["paths"]) >= {"/health", "/version", "/metrics", "/openapi.json", "/auth/session"}
    assert doc["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": doc["components"]["securitySchemes"]["bearerAuth"]["description"]}
    metrics = doc["paths"]["/metrics"]["get"]
    assert metrics["security"] == [{"bearerAuth": []}]
    assert metrics["x-required-permission"] == "metrics:read"
    assert {"401", "403"} <= set(metrics["responses"])
    assert doc["paths"]["/auth/session"]["get"]["x-required-permission"] == "session:read"
    assert doc["paths"]["/health"]["get"]["security"] == []
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


def test_the_metrics_contract_describes_aws_calls_and_table_figures_exactly(server):
    schemas = requests.get(f"{server.url}/openapi.json", timeout=5).json()["components"]["schemas"]
    snapshot = schemas["MetricsSnapshot"]
    assert snapshot["properties"]["dependencies"]["items"] == {"$ref": "#/components/schemas/OperationMetrics"}
    assert snapshot["properties"]["table"]["$ref"] == "#/components/schemas/TableFigures"
    assert "dependencies" in snapshot["required"] and "table" not in snapshot["required"]
    for name in ("OperationMetrics", "OperationErrors", "TableFigures", "IndexFigures"):
        assert schemas[name]["additionalProperties"] is False, name
    assert set(schemas["OperationErrors"]["required"]) == {"throttled", "conditional_check_failed", "other"}
    assert schemas["TableFigures"]["required"] == ["name", "as_of"]
