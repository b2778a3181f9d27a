"""Writes docs/api-documentation.md from the OpenAPI description (docs/openapi.json).

    python3 tools/docs/openapi_markdown.py [--spec docs/openapi.json] [--out docs/api-documentation.md]
    python3 tools/docs/openapi_markdown.py --check     # exit 1 when the committed page is stale

`make docs` regenerates docs/openapi.json from the code first, then this page, so the reference
never drifts from what the server does; the functional tests run --check. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
METHODS = ("get", "put", "post", "patch", "delete")
# Response headers every operation sends; described once instead of under every response.
COMMON_HEADERS = ("X-Request-Id", "X-Correlation-Id", "RateLimit", "RateLimit-Policy", "WWW-Authenticate")
LONG_ENUM = 12  # longer enumerations are summarised (the country and time zone lists)
LONG_PATTERN = 48  # longer patterns are left to openapi.json


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def schema_link(name: str) -> str:
    return f"[`{name}`](#{name.lower()})"


def cell(text: str) -> str:
    """Text made safe for one markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def type_of(schema: dict) -> str:
    """A short human type: `string`, `integer`, [`Profile`](#profile), array of …"""
    if "$ref" in schema:
        return schema_link(ref_name(schema["$ref"]))
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array":
        return f"array of {type_of(schema.get('items', {}))}"
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return kind


def number(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def constraints(schema: dict) -> str:
    """The validation rules of one field, in words."""
    rules = []
    if "enum" in schema:
        values = schema["enum"]
        if len(values) > LONG_ENUM:
            rules.append(f"one of {len(values)} values (`{values[0]}` … `{values[-1]}`)")
        else:
            rules.append("one of " + ", ".join(f"`{v}`" for v in values))
    for key, word in (("minLength", "min length"), ("maxLength", "max length"), ("minimum", "min"),
                      ("maximum", "max"), ("minItems", "min items"), ("maxItems", "max items")):
        if key in schema:
            rules.append(f"{word} {number(schema[key])}")
    if schema.get("uniqueItems"):
        rules.append("unique items")
    if "pattern" in schema:
        pattern = schema["pattern"]
        rules.append(f"pattern `{pattern}`" if len(pattern) <= LONG_PATTERN else "pattern (see openapi.json)")
    items = schema.get("items", {})
    if "enum" in items:
        rules.append("items one of " + ", ".join(f"`{v}`" for v in items["enum"]))
    return "; ".join(rules)


def anchor(method: str, path: str) -> str:
    text = f"{method} {path}".lower()
    return "".join(c for c in text.replace(" ", "-") if c.isalnum() or c in "-_")


def operations(spec: dict):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method]


def permission(op: dict) -> str:
    if not op.get("security"):
        return "public"
    needed = op.get("x-required-permission")
    return f"`{needed}`" if needed else "any signed-in user"


def body_schema(content: dict) -> tuple[str, str]:
    media, body = next(iter(content.items()))
    return media, type_of(body.get("schema", {}))


def render_operation(method: str, path: str, op: dict) -> list[str]:
    out = [f"### {method} {path}", "", op.get("summary", ""), ""]
    if op.get("description"):
        out += [op["description"], ""]
    out += [f"- Permission: {permission(op)}", f"- Operation id: `{op['operationId']}`", ""]
    params = op.get("parameters", [])
    if params:
        out += ["| parameter | in | type | required | rules | description |", "|---|---|---|---|---|---|"]
        for p in params:
            schema = p.get("schema", {})
            out.append(f"| `{p['name']}` | {p['in']} | {type_of(schema)} | {'yes' if p.get('required') else 'no'} "
                       f"| {cell(constraints(schema))} | {cell(p.get('description', ''))} |")
        out.append("")
    if "requestBody" in op:
        media, kind = body_schema(op["requestBody"]["content"])
        required = "required" if op["requestBody"].get("required") else "optional"
        out += [f"Request body ({required}, `{media}`): {kind}", ""]
    out += ["| status | meaning | body | headers |", "|---|---|---|---|"]
    for status, response in sorted(op["responses"].items()):
        body = ""
        if "content" in response:
            media, kind = body_schema(response["content"])
            body = f"{kind} (`{media}`)"
        headers = [h for h in response.get("headers", {}) if h not in COMMON_HEADERS]
        out.append(f"| {status} | {cell(response.get('description', ''))} | {body} "
                   f"| {', '.join(f'`{h}`' for h in headers)} |")
    out.append("")
    return out


def render_schema(name: str, schema: dict) -> list[str]:
    out = [f"### {name}", ""]
    if schema.get("description"):
        out += [schema["description"], ""]
    props = schema.get("properties")
    if not props:
        out += [f"Type: {type_of(schema)}", ""]
        return out
    required = set(schema.get("required", []))
    out += ["| field | type | required | rules | description |", "|---|---|---|---|---|"]
    for field, prop in props.items():
        out.append(f"| `{field}` | {type_of(prop)} | {'yes' if field in required else 'no'} "
                   f"| {cell(constraints(prop))} | {cell(prop.get('description', ''))} |")
    if schema.get("additionalProperties") is False:
        out += ["", "Other fields are refused (400 `VALIDATION_FAILED`)."]
    out.append("")
    return out


def common_headers(spec: dict) -> list[str]:
    seen: dict[str, str] = {}
    for _, _, op in operations(spec):
        for response in op["responses"].values():
            for header, value in response.get("headers", {}).items():
                if header in COMMON_HEADERS:
                    seen.setdefault(header, value.get("description", ""))
    out = ["| header | when | meaning |", "|---|---|---|"]
    when = {"X-Request-Id": "every response", "X-Correlation-Id": "every response",
            "RateLimit": "rate-limited routes", "RateLimit-Policy": "rate-limited routes",
            "WWW-Authenticate": "401 and 403"}
    for header in COMMON_HEADERS:
        if header in seen:
            out.append(f"| `{header}` | {when[header]} | {cell(seen[header])} |")
    return out + [""]


def render(spec: dict) -> str:
    info = spec["info"]
    ops = list(operations(spec))
    tags: dict[str, list] = {}
    for method, path, op in ops:
        tags.setdefault((op.get("tags") or ["other"])[0], []).append((method, path, op))
    out = [
        f"# {info['title']} — reference",
        "",
        "<!-- Generated by `make docs` from docs/openapi.json (tools/docs/openapi_markdown.py). "
        "Edit the route and model declarations, then run make docs. -->",
        "",
        f"Version {info['version']}, OpenAPI {spec['openapi']}. {info.get('description', '')}",
        "",
        "This page is the OpenAPI description in reading form; [api.md](api.md) explains the API "
        "with examples, [auth.md](auth.md) tokens and roles, [errors.md](errors.md) every error code. "
        "A running server serves the same description at `/openapi.json` and as Swagger UI at `/docs`.",
        "",
        "## Authentication",
        "",
    ]
    for name, scheme in spec["components"].get("securitySchemes", {}).items():
        out += [f"`{name}` ({scheme.get('scheme', scheme.get('type'))}, {scheme.get('bearerFormat', '')}): "
                f"{scheme.get('description', '')}", ""]
    out += ["Operations marked *public* need no token. The others answer 401 without a valid token "
            "and 403 without the permission named.", "", "## Headers on every response", ""]
    out += common_headers(spec)
    out += ["## Operations", "", "| operation | summary | permission |", "|---|---|---|"]
    for method, path, op in ops:
        out.append(f"| [{method} {path}](#{anchor(method, path)}) | {cell(op.get('summary', ''))} "
                   f"| {permission(op)} |")
    out.append("")
    for tag, tagged in tags.items():
        out += [f"## {tag[:1].upper()}{tag[1:]}", ""]
        for method, path, op in tagged:
            out += render_operation(method, path, op)
    out += ["## Schemas", ""]
    for name, schema in spec["components"]["schemas"].items():
        out += render_schema(name, schema)
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=REPO / "docs" / "openapi.json")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "api-documentation.md")
    parser.add_argument("--check", action="store_true", help="fail when --out differs from the spec")
    args = parser.parse_args()
    text = render(json.loads(args.spec.read_text()))
    if args.check:
        if not args.out.exists() or args.out.read_text() != text:
            print(f"{args.out} is stale: run make docs", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date with {args.spec}")
        return 0
    args.out.write_text(text)
    print(f"docs: {args.out} written ({len(text)} bytes, {text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
