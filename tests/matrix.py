"""The machinery of the generated permission matrix (tests/test_permission_matrix.py, table in tests/access.py).

Every page of the URL configuration and every operation of the OpenAPI document is an endpoint, named
`page <url name>` or `<METHOD> <OpenAPI path>`. Its row in `ACCESS` says who may use it:

    "public"        anyone, signed in or not
    "signed_in"     every role
    "<action>"      the roles of that action in core.permissions (a leader counts as a supervisor)
    "nobody"        no role (reached only through another way, e.g. a link the page gives)
    "<role> ..."    those roles (inspector, lab_analyst, risk_analyst, supervisor, leader, administrator,
                    enterprise, system)
    + " national"   staff of another unit may read the same records (reference data, national lists)

Everyone else — anonymous, each role outside the row, a user of another enterprise, staff of another unit —
must be refused (401/403/404, a page's redirect, 405, or 422 when the parameters are refused before the role
is looked at): never a 2xx, never a 5xx.
"""

import datetime as dt
import json
import re

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from guomen.accounts.choices import Role
from guomen.core.permissions import PERMISSIONS, ROLE_INCLUDES

ROLES = [r.value for r in Role]
SKIP_PREFIXES = ("api/", "static/", "media/", "admin/", "i18n/")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
REFUSED = {401, 403, 404, 405, 422}
# What a signed-in role outside an operation's row must get: refused for who it is, not for its body or state.
ROLE_REFUSED = {401, 403, 404}
# Operations whose wrong roles may be refused for the body first, and why.
BODY_FIRST: dict[str, str] = {}
# Pages never POSTed by the matrix: signing out would end the sessions of the clients that walk the rest.
NO_POST = {"page accounts:logout"}
# Who makes the records the matrix acts on (the first that may create one).
CREATORS = ["administrator", "supervisor", "risk_analyst", "inspector", "lab_analyst", "enterprise", "system"]


def page_endpoints():
    """(key, route) of every page, regex routes (admin, static) aside."""

    def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern), f"{namespace}{entry.name}"

    for route, name in walk(get_resolver()):
        if route.startswith(SKIP_PREFIXES) or route.startswith("^") or "(?P" in route:
            continue
        yield f"page {name}", route


def api_endpoints():
    """(key, method, path) of every operation of the OpenAPI document."""
    from guomen.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, item in schema["paths"].items():
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                yield f"{method.upper()} {path}", method, path


# The value of a body field the schema leaves as a plain string but the service takes from a list of choices.
FIELD_VALUES = {
    "channel": "physical",
    "source": "media",
    "scope": "origin_commodity",
    "transport": "truck",
    "category": "product_safety",
    "outcome": "substantiated",
    "period": "2026-11",
    "addressees": ["WJD"],
    "sample_type": "fruit_vegetable",
    "unit": "kg",
    "tests": ["pesticide_residues"],
    "risk_decision": "serious",
    "classification": "alert",
    "severity": "minor",
    "approve": True,
    "action": "suspend",
    "scheme": "haccp",
    "grade": "A",
    "business": "catering",
    "packaging": "drum",
    "result": "passed",
    "check_kind": "goods",
    "agency": "market",
    "disposition": "release",
    "currency": "USD",
    "direction": "import",
    "laboratory": "SZLAB",
}
# Enterprises of 文锦渡 of each kind an operation asks for (the fixture makes them; bodies name "@uscc_<kind>").
ENTERPRISE_KINDS = ("exporter", "port_food", "waste_consignee", "inspection_agency", "dg_packaging")
# Fields an operation takes from choices of its own (sent even when optional).
BODY_FOR: dict[str, dict] = {
    "POST /api/v1/declarations/ephyto": {"file": "@ephyto_file"},
    "POST /api/v1/campaigns": {"code": "MATRIX1", "kind": "quality_month"},
    "POST /api/v1/documents": {"kind": "regulation"},
    "POST /api/v1/emergency/plans": {"kind": "food_safety"},
    "POST /api/v1/exports/sites": {"kind": "planting", "enterprise": "@uscc_exporter"},
    "POST /api/v1/portlines/licences": {"enterprise": "@uscc_port_food"},
    "POST /api/v1/portlines/consignees": {"enterprise": "@uscc_waste_consignee"},
    "POST /api/v1/portlines/findings": {"enterprise": "@uscc_inspection_agency"},
    "POST /api/v1/portlines/uses": {
        "enterprise": "@uscc_dg_packaging",
        "un_number": "UN1263",
        "valid_until": (dt.date.today() + dt.timedelta(days=180)).isoformat(),
    },
    "POST /api/v1/certification/certificates": {"body_name": "中国质量认证中心"},
    "POST /api/v1/public/decisions": {"kind": "licence", "enterprise_name": "深圳市果品进出口有限公司"},
    "POST /api/v1/supervision/plans": {"sample_count": 1},
    "POST /api/v1/declarations": {
        "lines": [
            {
                "hs_code": "081060",
                "description": "鲜榴莲",
                "quantity": "10",
                "unit": "carton",
                "net_weight_kg": "100",
                "value": "500",
                "currency": "USD",
            }
        ],
    },
    "POST /api/v1/exports/sites/{pk}/inputs": {"kind": "feed"},
    "POST /api/v1/portlines/agencies": {"enterprise": "@uscc_inspection_agency", "scope": ["commodity"]},
    "POST /api/v1/portlines/makers": {"enterprise": "@uscc_dg_packaging", "products": "1A1"},
    "POST /api/v1/portlines/monitoring": {
        "port": "WJD",
        "category": "drinking_water",
        "value": "0.5",
        "limit": "1",
    },
    "POST /api/v1/targeting/measures": {"origin": "TH", "hs_prefix": "0810"},
    "POST /api/v1/emergency/activations/{pk}/tasks": {"assignee": "matrix_inspector"},
    "POST /api/v1/emergency/activations/{pk}/duties": {
        "person": "matrix_inspector",
        "starts_at": dt.datetime(2030, 1, 1, 8, tzinfo=dt.UTC).isoformat(),
        "ends_at": dt.datetime(2030, 1, 1, 20, tzinfo=dt.UTC).isoformat(),
        "phone": "13800000000",
    },
    "POST /api/v1/enforcement/handovers": {"direction": "out"},
    "POST /api/v1/enforcement/commitments": {"kind": "integrity"},
    "POST /api/v1/enforcement/partners": {"campaign": "MATRIX1"},
    "POST /api/v1/supervision/credit-events": {"kind": "violation"},
    "POST /api/v1/recalls": {"category": "air_purifier", "source": "defect_report"},
}


# Pages of a record: the collection whose record (made through the API or tests/records.py) fills the path, and
# per path parameter the record's field ("id" unless named; a value the record lacks is taken as it is). A page
# that names no record but a kind or a format has None for the collection and its path values as they are.
PAGE_RECORDS: dict[str, tuple[str | None, dict[str, str]]] = {
    f"page supervision:{name}": ("/api/v1/supervision/checks", {})
    for name in ("check_detail", "check_assign", "check_publish", "check_send_back", "check_rectified")
} | {
    "page supervision:application_decide": ("/api/v1/supervision/applications", {}),
    "page supervision:petition_decide": ("/api/v1/supervision/petitions", {}),
    "page supervision:downgrade_decide": ("/api/v1/supervision/downgrades", {}),
    "page supervision:credit_withdraw": (
        "/api/v1/supervision/credit-events",
        {"pk": "enterprise_id", "event_pk": "id"},
    ),
    "page inspections:rectification_detail": ("/api/v1/inspections/rectifications", {}),
    "page inspections:rectification_act": ("/api/v1/inspections/rectifications", {"action": "close"}),
    **{
        f"page certificates:{name}": ("/api/v1/exports/certificates", {"number": "number"})
        for name in ("detail", "pdf", "ephyto", "replace", "withdraw")
    },
    **{
        f"page campaigns:{name}": ("/api/v1/campaigns", {})
        for name in ("detail", "activity_add", "outreach_add", "link_add", "status")
    },
    **{
        f"page recalls:{name}": ("/api/v1/recalls", {})
        for name in ("detail", "affected", "status", "progress", "warn")
    },
    "page enforcement:interview_cancel": ("/api/v1/enforcement/interviews", {}),
    "page enforcement:commitment_break": ("/api/v1/enforcement/commitments", {}),
    "page enforcement:handover_status": ("/api/v1/enforcement/handovers", {}),
    "page certification:catalogue_entry": ("/api/v1/certification/catalogue", {}),
    "page certification:catalogue_retire": ("/api/v1/certification/catalogue", {}),
    "page certification:check_record": ("/api/v1/certification/checks", {}),
    "page certification:check_close": ("/api/v1/certification/checks", {}),
    "page portlines:use_status": ("/api/v1/portlines/uses", {}),
    **{
        f"page portlines:agency{name}": ("/api/v1/portlines/agencies", {})
        for name in ("", "_status", "_register", "_review")
    },
    "page portlines:monitoring_status": ("/api/v1/portlines/monitoring", {}),
    "page portlines:maker_status": ("/api/v1/portlines/makers", {}),
    "page portlines:test_status": ("/api/v1/portlines/tests", {}),
    "page emergency:plan": ("/api/v1/emergency/plans", {}),
    "page targeting:measure_detail": ("/api/v1/targeting/measures", {}),
    "page exports:declaration": ("/api/v1/exports/declarations", {}),
    "page emergency:drill_record": ("/api/v1/emergency/plans", {}),
    **{
        f"page emergency:{name}": ("/api/v1/emergency/activations", {})
        for name in ("activation", "report_add", "activation_close", "task_add", "duty_add")
    },
    "page emergency:task_done": ("page emergency task", {"pk": "activation", "task": "id"}),
    "page campaigns:report": ("/api/v1/campaigns", {"fmt": "md"}),
    "page catalog:hs_detail": (None, {"code": "081060"}),
    "page catalog:hazard_detail": ("page catalog hazard", {}),
    "page catalog:requirement_detail": ("page catalog requirement", {}),
    "page catalog:import": (None, {"kind": "hazards"}),
    "page catalog:import_template": (None, {"kind": "requirements", "fmt": "csv"}),
    "page registry:import": (None, {"kind": "enterprises"}),
    "page registry:import_template": (None, {"kind": "bases", "fmt": "xlsx"}),
    "page declarations:ephyto_detail": ("page ephyto certificate", {}),
    "page inspections:photo": ("page inspection photo", {}),
    "page inspections:rectification_file": ("page rectification file", {"file_pk": "file"}),
    "page supervision:credit_evidence_file": (
        "/api/v1/supervision/credit-events",
        {"pk": "enterprise_id", "event_pk": "id"},
    ),
    "page targeting:model_detail": ("page targeting model", {}),
    "page exports:batch": ("page export batch", {}),
    "page exports:loading_photo": ("page loading photo", {}),
    "page tracebacks:task_done": ("page traceback task", {}),
}


# The form a page that takes only POST is sent (valid, so a refusal is for who the caller is); else an empty form.
_TODAY = dt.date.today().isoformat()
_REASON = {"reason": "矩阵测试：核对权限的理由"}
_DECISION = {"decision": "yes", **_REASON}
PAGE_BODY: dict[str, dict] = {
    "page certificates:replace": _REASON,
    "page certificates:withdraw": _REASON,
    "page supervision:application_decide": _DECISION,
    "page supervision:petition_decide": _DECISION,
    "page supervision:downgrade_decide": _DECISION,
    "page supervision:check_send_back": _REASON,
    "page supervision:credit_withdraw": _REASON,
    "page supervision:check_rectified": {"rectified_on": _TODAY},
    "page campaigns:activity_add": {"category": "publicity", "title": "矩阵宣传活动", "held_on": _TODAY},
    "page campaigns:outreach_add": {"held_on": _TODAY, "events_held": 1},
    "page campaigns:link_add": {"kind": "signal", "object_id": 1},
    "page certification:catalogue_retire": _REASON,
    "page certification:check_record": {"checked_on": _TODAY}
    | {
        f"item_{name}": "ok" for name in ("validity", "scope", "consistency", "marks", "system", "complaints")
    },
    "page certification:check_close": {"rectified_on": _TODAY, **_REASON},
    "page recalls:status": {"to": "confirmed", **_REASON},
    "page recalls:progress": {"reported_on": _TODAY, "units_recovered": 1, "note": "已召回一件"},
    "page recalls:warn": {"title": "消费警示", "text": "请停止使用该产品", "days": 28},
    "page enforcement:interview_cancel": _REASON,
    "page enforcement:commitment_break": {"occurred_on": _TODAY, **_REASON},
    "page enforcement:handover_status": {"to": "accepted", "result": "已受理"},
    "page portlines:use_status": {"to": "suspended", **_REASON},
    "page emergency:drill_record": {
        "held_on": _TODAY,
        "scenario": "口岸疫情演练",
        "findings": "通报链路畅通",
    },
    "page portlines:agency_status": {"to": "suspended", **_REASON},
    "page portlines:agency_register": {
        "number": "MATRIX-AG-1",
        "registered_on": _TODAY,
        "valid_until": (dt.date.today() + dt.timedelta(days=365)).isoformat(),
    },
    "page portlines:agency_review": {"reviewed_on": _TODAY, "passed": "1", **_REASON},
    "page portlines:monitoring_status": {"to": "rectified", **_REASON},
    "page portlines:maker_status": {"to": "suspended", **_REASON},
    "page emergency:report_add": {"text": "现场已封控"},
    "page emergency:activation_close": {"review": "处置完毕，复盘已完成"},
    "page emergency:task_add": {"title": "封存可疑货物", "assignee": "matrix_inspector", "due_on": _TODAY},
    "page emergency:duty_add": {
        "person": "matrix_inspector",
        "starts_at": "2030-01-01T08:00",
        "ends_at": "2030-01-01T20:00",
        "phone": "13800000000",
    },
    "page tracebacks:task_done": {"result": "用药记录不全"},
}


def page_values(values: dict, created: dict[str, dict]) -> dict[str, dict[str, str]]:
    """Per page route, its path parameters filled from PAGE_RECORDS (kept in `values["pages"]`)."""
    routes = dict(page_endpoints())
    out = {}
    for key, (collection, fields) in PAGE_RECORDS.items():
        record = created.get(collection) if collection else {}
        if record is None or key not in routes:
            continue
        filled = {}
        for match in CONVERTER.finditer(routes[key]):
            name = match.group(2)
            field = fields.get(name, "id" if name == "pk" else name)
            filled[name] = str(record.get(field, field))
        out[routes[key]] = filled
    return out


def fill_page(route: str, values: dict[str, str]) -> str:
    own = values.get("pages", {}).get(route, {})

    def one(match):
        conv, name = match.groups()
        return own.get(name) or values.get(name) or ("1" if conv == "int" else "x")

    return "/" + CONVERTER.sub(one, route)


def roles_of(spec: str) -> set[str]:
    """The roles a row lets in ("public" and "signed_in" let in every role)."""
    roles: set[str] = set()
    for token in spec.split():
        if token in ("public", "signed_in"):
            return set(ROLES)
        if token in ("national", "nobody"):
            continue
        if token in ROLES:
            roles.add(token)
        elif token in PERMISSIONS:
            roles |= {str(r) for r in PERMISSIONS[token]}
        else:
            raise ValueError(f"unknown token {token!r} in access row {spec!r}")
    roles |= {str(r) for r, included in ROLE_INCLUDES.items() if included in roles}
    return roles


def suggest(allowed: set[str], key: str = "") -> str:
    """The row for a set of roles: "signed_in", an action of the endpoint's own app with exactly those roles
    (a `.view` action first for a read), or the roles themselves."""
    if allowed >= set(ROLES):
        return "signed_in"
    if not allowed:
        return "nobody"
    path = key.split(" ", 1)[-1]
    app = path.split(":")[0] if key.startswith("page ") else (path.split("/") + ["", "", "", ""])[3]
    read = key.startswith(("page ", "GET "))
    actions = [a for a in PERMISSIONS if a.split(".")[0] == app and roles_of(a) == allowed]
    actions.sort(key=lambda a: (not (read and a.endswith(".view")), a))
    return actions[0] if actions else " ".join(sorted(allowed))


def call(client, method: str, url: str, *, page: bool = False, key: str = "", body: dict | None = None):
    """The endpoint called as its caller would: a page by GET, or by an empty form POST when it takes only
    POST (the test client does not check CSRF); an operation with the body its schema documents (`body`, from
    tests/schema_client.py: valid, so a refusal is for who the caller is), else an empty JSON body.
    Whatever the call writes is rolled back, so every caller meets the same records."""
    with transaction.atomic():
        if method == "get":
            response = client.get(url)
            if page and response.status_code == 405 and key not in NO_POST:
                response = client.post(url, PAGE_BODY.get(key, {}))
        elif body is not None:
            response = getattr(client, method)(url, **body)
        else:
            response = getattr(client, method)(url, json.dumps({}), content_type="application/json")
        transaction.set_rollback(True)
    return response


def path_values(path: str, values: dict[str, str], created: dict[str, dict]) -> dict[str, str]:
    """Each parameter of the path filled from the record the operation's collection created (see
    `create_records`: `/recalls/{number}/status` takes the number of the recall `POST /recalls` made), else
    from `values` (the fixture's declaration, task, enterprise), else "1"."""
    out = {}
    for match in re.finditer(r"{(\w+)}", path):
        name = match.group(1)
        record = created.get(path[: match.start() - 1])
        field = "id" if name == "pk" or name.endswith("_id") else name
        if record is not None and record.get(field) is not None:
            out[name] = str(record[field])
        else:
            out[name] = values.get(name, "1")
    return out


def fill_api_records(path: str, values: dict[str, str], created: dict[str, dict]) -> str:
    """The path with its parameters filled (`path_values`)."""
    filled = path_values(path, values, created)
    return re.sub(r"{(\w+)}", lambda m: filled[m.group(1)], path)


# Collections whose records another operation makes (on a record made first): the collection, the operation.
MADE_BY = {
    "/api/v1/certification/checks": "POST /api/v1/certification/certificates/{pk}/checks",
    "/api/v1/emergency/activations": "POST /api/v1/emergency/plans/{pk}/activate",
    "/api/v1/emergency/activations/{pk}/tasks": "POST /api/v1/emergency/activations/{pk}/tasks",
    "/api/v1/portlines/tests": "POST /api/v1/portlines/makers/{pk}/tests",
}


def create_records(schema: dict, clients: dict, body_values: dict, body_for: dict) -> dict[str, dict]:
    """For each collection with a create operation (`POST /x` beside `/x/{id}/...`, or an operation of MADE_BY),
    one record made through the API by the first role that may, kept (not rolled back) for the matrix to read
    and act on by its id."""
    from .schema_client import operations, request_for

    paths = list(schema["paths"])
    created: dict[str, dict] = {}
    for key, method, path, operation in operations(schema):
        if method != "post" or "{" in path or not any(p.startswith(path + "/{") for p in paths):
            continue
        body = request_for(schema, operation, body_values, body_for.get(key))
        _make(created, path, path, body, clients)
    for collection, key in MADE_BY.items():
        path = key.split(" ", 1)[1]
        body = request_for(schema, schema["paths"][path]["post"], body_values, body_for.get(key))
        _make(created, collection, fill_api_records(path, body_values, created), body, clients)
    return created


def _make(created: dict, collection: str, url: str, body: dict | None, clients: dict) -> None:
    for who in CREATORS:
        response = clients[who].post(url, **(body or {}))
        if response.status_code in (200, 201) and response.get("Content-Type", "").startswith(
            "application/json"
        ):
            answer = response.json()
            if isinstance(answer, dict):
                created[collection] = answer
                return


def refused(response, *, page: bool) -> bool:
    if response.status_code == 302:  # a page sends only the signed-out visitor away (to sign in)
        return page and "/accounts/login/" in response.get("Location", "")
    return response.status_code in REFUSED
