"""Request limits checked before a view runs: body size (413), multipart that cannot be parsed (400), upload count
and size counted while the body streams in, never after it is all in memory."""

import contextlib
import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .inputs import control_character_fields

# \u0000-\u001f except \u0009, \u000a, \u000d; \u007f-\u009f (an even run of backslashes before it is ignored).
JSON_CONTROL_ESCAPE = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
    rb"|\x7f|\xc2[\x80-\x9f]"  # DEL and C1 characters may also stand unescaped in UTF-8 JSON
)


def _json_may_hold_control_characters(body: bytes) -> bool:
    # Substring tests first (microseconds); the regular expression only for the rare body that passes them.
    if b"\\u00" not in body and b"\x7f" not in body and b"\xc2" not in body:
        return False
    return JSON_CONTROL_ESCAPE.search(body) is not None


def max_request_bytes() -> int:
    """The largest multipart request (every file and field together)."""
    return int(getattr(settings, "GUOMEN_MAX_REQUEST_BYTES", 64 * 1024 * 1024))


def max_file_bytes() -> int:
    """The largest single uploaded file; each service may ask for less."""
    return int(getattr(settings, "GUOMEN_MAX_UPLOAD_FILE_BYTES", 50 * 1024 * 1024))


class UploadTooLarge(Exception):
    pass


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of each uploaded file as they arrive and stops at the limit."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_file_bytes():
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data  # the next handlers store it

    def file_complete(self, file_size):
        return None

    def upload_complete(self):
        if getattr(self, "too_large", False):
            raise UploadTooLarge()


def _refuse(request, status: int, code: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "message": message, "fields": {}}, status=status)
    return render(request, "core/limit_error.html", {"message": message, "status": status}, status=status)


def _too_large(request):
    mb = max(max_file_bytes(), settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // 2**20
    message = _("The request is too large (at most %(mb)d MB per file; send fewer or smaller files).") % {
        "mb": mb
    }
    return _refuse(request, 413, "too_large", message)


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refused = self._check(request)
        return refused if refused is not None else self.get_response(request)

    def _check(self, request):
        refused = self._check_size_and_parse(request)
        if refused is None:
            refused = self._check_text(request)
        return refused

    def _check_text(self, request):
        """NUL and other control characters are refused in every parameter, form field and JSON string."""
        fields = control_character_fields({k: request.GET.getlist(k) for k in request.GET})
        if request.method in ("POST", "PUT", "PATCH"):
            if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
                fields += control_character_fields({k: request.POST.getlist(k) for k in request.POST})
            elif (
                request.content_type == "application/json"
                and request.path.startswith("/api/")
                and _json_may_hold_control_characters(request.body)  # parse (to name the field) only then
            ):
                with contextlib.suppress(ValueError):  # the API answers a body it cannot parse itself
                    fields += control_character_fields(json.loads(request.body))
        if not fields:
            return None
        names = sorted(
            {name.rsplit(".", 1)[0] if name.rsplit(".", 1)[-1].isdigit() else name for name in fields}
        )
        message = _("Text may not contain control characters (such as NUL): %(fields)s.") % {
            "fields": ", ".join(names[:10])
        }
        if request.path.startswith("/api/"):
            body = {
                "code": "validation_error",
                "message": message,
                "fields": {n: [message] for n in names[:50]},
            }
            return JsonResponse(body, status=422)
        return _refuse(request, 400, "bad_request", message)

    def _check_size_and_parse(self, request):
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        content_type = request.META.get("CONTENT_TYPE", "")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refuse(request, 400, "bad_request", _("The request could not be understood."))
        if content_type.startswith("multipart/form-data"):
            if length > max_request_bytes():
                return _too_large(request)
            request.upload_handlers.insert(0, LimitedUploadHandler(request))
            return self._parse_form(request)
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return _too_large(request)
        if content_type.startswith("application/x-www-form-urlencoded"):
            return self._parse_form(request)
        try:
            request.body  # noqa: B018  (read now: a body without Content-Length is still held to the limit)
        except RequestDataTooBig:
            return _too_large(request)
        return None

    def _parse_form(self, request):
        try:
            request.POST  # noqa: B018  (parse now, counting files and bytes as they stream in)
            request.FILES  # noqa: B018
        except (UploadTooLarge, RequestDataTooBig):
            return _too_large(request)
        except TooManyFilesSent:
            message = _("Too many files in one request (at most %(n)d).") % {
                "n": settings.DATA_UPLOAD_MAX_NUMBER_FILES
            }
            return _refuse(request, 413, "too_many_files", message)
        except TooManyFieldsSent:
            return _refuse(request, 413, "too_many_fields", _("Too many fields in one request."))
        except (MultiPartParserError, ValueError):
            message = _("The form data could not be read (multipart without a valid boundary).")
            return _refuse(request, 400, "bad_request", message)
        return None
