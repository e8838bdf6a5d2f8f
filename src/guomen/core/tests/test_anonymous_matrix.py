"""The anonymous row of the permission matrix, generated from the URL configuration and the OpenAPI document:
every page outside the public portal sends an anonymous visitor to sign in, and every API operation that
documents a security requirement answers 401. A new endpoint is covered the moment it exists."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_PREFIXES = ("public/", "accounts/login/", "i18n/", "admin/", "api/", "static/", "media/")
# Pages meant for anyone: the 12365 complaint form and tracking, the health check, and the phone app's service
# worker, manifest and offline page (which carry no data), and the invitation link an enterprise's administrator
# sends (its one-time token is the right to choose the password; a wrong token shows only that the link is no
# longer valid). Adding a name here is a decision to publish a page.
PUBLIC_NAMES = {
    "complaints:submit", "complaints:track", "complaints:track_detail", "core:healthz",
    "inspections:service_worker", "inspections:manifest", "inspections:offline", "accounts:invite_accept",
}  # fmt: skip


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}"


def _concrete(route: str) -> str:
    route = re.sub(r"<(?:int:)?[a-z_]+>", "1", route)
    route = re.sub(r"<(?:slug|str|path):[a-z_]+>", "x", route)
    return "/" + route.lstrip("^").rstrip("$")


def _ui_routes():
    for route, name in _patterns(get_resolver()):
        if route.startswith(PUBLIC_PREFIXES) or name in PUBLIC_NAMES or "(?P" in route:
            continue
        yield _concrete(route), name


@pytest.mark.django_db
def test_every_page_sends_an_anonymous_visitor_to_sign_in():
    client = Client(raise_request_exception=False)
    open_pages = []
    for url, name in _ui_routes():
        response = client.get(url)
        signed_out = response.status_code in (302, 401, 403, 405) and (
            response.status_code != 302 or "/accounts/login/" in response["Location"]
        )
        if not signed_out and response.status_code != 404:
            open_pages.append(f"{name} {url} → {response.status_code}")
    assert open_pages == []


@pytest.mark.django_db
def test_every_secured_api_operation_answers_401_to_an_anonymous_client():
    client = Client(raise_request_exception=False)
    schema = client.get("/api/v1/openapi.json").json()
    open_operations = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete") or not operation.get("security"):
                continue
            url = re.sub(r"\{[^}]+\}", "1", path)
            response = getattr(client, method)(url, content_type="application/json")
            if response.status_code != 401:
                open_operations.append(f"{method.upper()} {path} → {response.status_code}")
    assert open_operations == []
