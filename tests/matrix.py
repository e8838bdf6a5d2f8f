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

import json
import re

from django.urls import URLPattern, URLResolver, get_resolver

from guomen.accounts.choices import Role
from guomen.core.permissions import PERMISSIONS, ROLE_INCLUDES

ROLES = [r.value for r in Role]
SKIP_PREFIXES = ("api/", "static/", "media/", "admin/", "i18n/")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
REFUSED = {401, 403, 404, 405, 422}
# Pages never POSTed by the matrix: signing out would end the sessions of the clients that walk the rest.
NO_POST = {"page accounts:logout"}


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


def fill_page(route: str, values: dict[str, str]) -> str:
    def one(match):
        conv, name = match.groups()
        return values.get(name) or ("1" if conv == "int" else "x")

    return "/" + CONVERTER.sub(one, route)


def fill_api(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)}", lambda m: values.get(m.group(1), "1"), path)


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


def call(client, method: str, url: str, *, page: bool = False, key: str = ""):
    """The endpoint called as its caller would: a page by GET, or by an empty form POST when it takes only
    POST (the test client does not check CSRF); an operation with an empty JSON body."""
    if method == "get":
        response = client.get(url)
        if page and response.status_code == 405 and key not in NO_POST:
            response = client.post(url, {})
        return response
    return getattr(client, method)(url, json.dumps({}), content_type="application/json")


def refused(response, *, page: bool) -> bool:
    if response.status_code == 302:
        return page
    return response.status_code in REFUSED
