"""docs/api-documentation.md is the OpenAPI description in reading form (make docs)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from conftest import REPO

GENERATOR = REPO / "tools" / "docs" / "openapi_markdown.py"
PAGE = REPO / "docs" / "api-documentation.md"
SPEC = REPO / "docs" / "openapi.json"


def generator():
    spec = importlib.util.spec_from_file_location("openapi_markdown", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_page_is_what_the_committed_description_says():
    result = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr + "(run make docs and commit docs/api-documentation.md)"


def test_every_operation_and_schema_has_its_section():
    spec = json.loads(SPEC.read_text())
    page = PAGE.read_text()
    for path, item in spec["paths"].items():
        for method in item:
            assert f"\n### {method.upper()} {path}\n" in page
    for name in spec["components"]["schemas"]:
        assert f"\n### {name}\n" in page


def test_a_field_is_rendered_with_its_type_requiredness_rules_and_description():
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1", "description": "D"},
        "paths": {"/things/{id}": {"put": {
            "operationId": "put_thing", "summary": "Replace a thing", "tags": ["things"],
            "security": [{"bearerAuth": []}], "x-required-permission": "things:write",
            "parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
            "responses": {"200": {"description": "Success", "headers": {"ETag": {}, "X-Request-Id": {}},
                                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
        }}},
        "components": {"securitySchemes": {}, "schemas": {"Thing": {
            "type": "object", "additionalProperties": False, "required": ["name"],
            "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 10, "description": "a | b"},
                           "kind": {"type": "string", "enum": ["x", "y"]}}}}},
    }
    page = generator().render(spec)
    assert "| [PUT /things/{id}](#put-thingsid) | Replace a thing | `things:write` |" in page
    assert "| `id` | path | string | yes |  |  |" in page
    assert "Request body (required, `application/json`): [`Thing`](#thing)" in page
    assert "| 200 | Success | [`Thing`](#thing) (`application/json`) | `ETag` |" in page, "common headers are listed once"
    assert "| `name` | string | yes | min length 1; max length 10 | a \\| b |" in page
    assert "| `kind` | string | no | one of `x`, `y` |  |" in page
    assert "Other fields are refused" in page
