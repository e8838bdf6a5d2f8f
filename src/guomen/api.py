"""The NinjaAPI: one router per app, key or session auth, errors as {code, message, fields}."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from guomen.accounts.auth import ApiKeyAuth, SessionAuth
from guomen.core.errors import ApplicationError, input_message

# Every operation may answer these, in the one error shape of the handlers below; an operation that documents a
# status itself (with a richer body) keeps its own.
ERROR_STATUSES = {
    400: "The request could not be completed",
    401: "Not signed in and no valid X-API-Key",
    403: "Not allowed for this user",
    404: "Not found, or not visible to this user",
    409: "Conflict with the record's current state",
    413: "Request body too large",
    422: "Some fields are not valid",
    429: "Too many requests",
}
ERROR_SCHEMA = {
    "title": "ApiError",
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "message": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["code", "message", "fields"],
}


class GuomenAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = ERROR_SCHEMA
        ref = {"$ref": "#/components/schemas/ApiError"}
        for item in schema["paths"].values():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    if status == 401 and not operation.get("security"):
                        continue
                    if status not in responses and str(status) not in responses:
                        responses[status] = {
                            "description": description,
                            "content": {"application/json": {"schema": ref}},
                        }
        return schema


api = GuomenAPI(
    title="Guomen API",
    version="1",
    urls_namespace="api",
    auth=[ApiKeyAuth(), SessionAuth()],
    docs_url="/docs",
)


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(NinjaValidationError)
def schema_error(request, exc: NinjaValidationError):
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "payload", "query", "path")]
        fields.setdefault(".".join(loc) or "__all__", []).append(input_message(err))
    body = {"code": "validation_error", "message": _("Some fields are not valid."), "fields": fields}
    return api.create_response(request, body, status=422)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    body = {
        "code": "unauthenticated",
        "message": _("Sign in or send a valid X-API-Key header."),
        "fields": {},
    }
    return api.create_response(request, body, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    body = {"code": "not_found", "message": _("Not found, or not visible to you."), "fields": {}}
    return api.create_response(request, body, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    body = {"code": "http_error", "message": str(exc), "fields": {}}
    return api.create_response(request, body, status=exc.status_code)


ROUTERS = [
    ("/accounts", "accounts"),
    ("/catalog", "catalog"),
    ("/registry", "registry"),
    ("/declarations", "declarations"),
    ("/targeting", "targeting"),
    ("/inspections", "inspections"),
    ("/clearance", "clearance"),
    ("/exports", "certificates"),
    ("/labs", "labs"),
    ("/risk", "risk"),
    ("/supervision", "supervision:standing_router"),
    ("/supervision", "supervision:spotcheck_router"),
    ("/enterprise/credit", "supervision:credit_router"),
    ("/campaigns", "campaigns"),
    ("/certification", "certification"),
    ("/exports", "exports"),
    ("/recalls", "recalls"),
    ("/enforcement", "enforcement"),
    ("/emergency", "emergency"),
    ("/portlines", "portlines"),
    ("/complaints", "complaints"),
    ("/documents", "documents"),
    ("/reports", "reports"),
    ("/tracebacks", "tracebacks"),
    ("/public", "portal"),
    ("/notifications", "notifications"),
]


def _add_routers() -> None:
    from importlib import import_module

    for prefix, entry in ROUTERS:
        app, _sep, name = entry.partition(":")  # "app" mounts app.api.router; "app:name" another router of it
        api.add_router(prefix, getattr(import_module(f"guomen.{app}.api"), name or "router"))


_add_routers()
