"""A client generated from the OpenAPI document: for each operation its method, path template and a request body
valid for its documented schema, filled with real values of the test's records where a field names them.

Used by the permission matrix (tests/matrix.py: a wrong role is refused for its role, not for a bad body) and by
tests/test_generated_client.py (every operation called as documented, answers checked against the document).

The body holds the schema's required fields, plus the optional fields whose name the caller gives a value for
(`values`, e.g. {"uscc": ..., "task_id": ...}). A field's value is, in order: the caller's value for its name, the
first of its enum, a value guessed from its name and format (dates, country, HS code, unit code), or a
placeholder of its type. Files (format binary) are sent as a tiny PNG in a multipart body.
"""

import datetime as dt
import io
import json
import re

# What a field's name says it holds, when the schema gives only "string" (first match wins).
NAME_HINTS: list[tuple[str, str]] = [
    (r"uscc|^enterprise$|declarant|consignee", "uscc"),
    (r"^port$|^org$|laboratory|^port_code$", "port"),
    (r"country|^origin$|destination|notifying", "country"),
    (r"hs_code|hs_prefix|^commodit", "hs_code"),
    (r"production_base", "base_code"),
    (r"number$", "declaration_number"),
]
PLACEHOLDER = {"string": "matrix", "integer": 1, "number": 1, "boolean": True}
_PNG = None


def png_bytes() -> bytes:
    global _PNG
    if _PNG is None:
        from PIL import Image

        out = io.BytesIO()
        Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
        _PNG = out.getvalue()
    return _PNG


def operations(schema: dict):
    """(key, method, path, operation) of every operation of the document."""
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield f"{method.upper()} {path}", method, path, operation


class BodyBuilder:
    def __init__(self, schema: dict, values: dict, extra: dict | None = None):
        self.components = schema.get("components", {}).get("schemas", {})
        # "@name" in an operation's own fields stands for values["name"] (e.g. "@uscc_port_food")
        self.extra = {
            k: values.get(v[1:], v) if isinstance(v, str) and v.startswith("@") else v
            for k, v in (extra or {}).items()
        }
        self.values = {**values, **self.extra}

    def resolve(self, node: dict) -> dict:
        while "$ref" in node:
            node = self.components[node["$ref"].rsplit("/", 1)[-1]]
        if "allOf" in node and len(node["allOf"]) == 1:
            return self.resolve(node["allOf"][0])
        return node

    def value(self, name: str, node: dict, depth: int = 0):
        node = self.resolve(node)
        for key in ("anyOf", "oneOf"):
            if key in node:
                branches = [b for b in node[key] if self.resolve(b).get("type") != "null"] or node[key]
                return self.value(name, branches[0], depth)
        if name in self.values:
            return self._typed(self.values[name], node)
        if "enum" in node:
            return node["enum"][0]
        kind = node.get("type")
        if kind == "object" or "properties" in node:
            return self.obj(node, depth + 1)
        if kind == "array":
            return [
                self.value(name, node.get("items", {}), depth + 1)
                for _ in range(max(1, node.get("minItems", 1)))
            ]
        if kind == "string":
            return self._string(name, node)
        if "default" in node:
            return node["default"]
        return PLACEHOLDER.get(kind, "matrix")

    def obj(self, node: dict, depth: int = 0) -> dict:
        node = self.resolve(node)
        required = set(node.get("required", ()))
        out = {}
        for prop, sub in node.get("properties", {}).items():
            if prop in required or prop in self.extra:
                out[prop] = self.value(prop, sub, depth)
        return out

    def _typed(self, value, node):
        kind = node.get("type")
        if kind == "integer" and isinstance(value, str) and value.isdigit():
            return int(value)
        if kind == "array" and not isinstance(value, list):
            return [value]
        return value

    def _string(self, name: str, node: dict):
        fmt = node.get("format", "")
        today = dt.date.today()
        if fmt == "binary":
            return ("photo.png", png_bytes(), "image/png")
        if fmt == "date":
            later = re.search(r"until|_to$|ends|due|valid_to|^date_to$|train_to", name)
            earlier = re.search(r"_from$|train_from|date_from", name) and not name.startswith("valid")
            day = (
                today + dt.timedelta(days=30)
                if later
                else today - dt.timedelta(days=30)
                if earlier
                else today
            )
            return day.isoformat()
        if fmt == "date-time":
            return dt.datetime.now(dt.UTC).isoformat()
        for pattern, hint in NAME_HINTS:
            if re.search(pattern, name) and hint in self.values:
                return self.values[hint]
        if "default" in node and node["default"]:
            return node["default"]
        text = "matrix " + name
        return text[: node["maxLength"]] if node.get("maxLength") else text


def query_for(schema: dict, operation: dict, values: dict) -> str:
    """The query string of the operation's required query parameters ("" when it has none)."""
    from urllib.parse import urlencode

    builder = BodyBuilder(schema, values)
    query = {
        p["name"]: builder.value(p["name"], p.get("schema", {}))
        for p in operation.get("parameters", ())
        if p.get("in") == "query" and p.get("required")
    }
    return "?" + urlencode(query, doseq=True) if query else ""


def request_for(schema: dict, operation: dict, values: dict, extra: dict | None = None) -> dict | None:
    """The keyword arguments of a Django test client call with a valid body: {"data": ..., "content_type": ...},
    or None when the operation takes no body. `values` fill the required fields they name; `extra` fields are
    always sent (an operation's own choices, e.g. {"kind": "regulation"})."""
    content = operation.get("requestBody", {}).get("content", {})
    builder = BodyBuilder(schema, values, extra)
    if "application/json" in content:
        body = builder.value("", content["application/json"]["schema"])
        return {"data": json.dumps(body, default=str), "content_type": "application/json"}
    if "multipart/form-data" in content:
        body = builder.obj(content["multipart/form-data"]["schema"])
        return {"data": _multipart(body)}
    return None


def _multipart(body: dict) -> dict:
    out = {}
    for key, value in body.items():
        if isinstance(value, list):
            value = [_file(v) for v in value]
        out[key] = _file(value)
    return out


def _file(value):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if isinstance(value, tuple):
        return SimpleUploadedFile(*value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
