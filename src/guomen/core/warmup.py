"""Work a server process does once at start rather than on its first request.

Importing every view and API router (the URL configuration), reading the translation catalogues and
compiling the base templates take a second or two, and apps add their own (targeting loads the live risk
model and the libraries behind it); without this the first people to open a page or submit a declaration
after a restart wait for all of it. A warmer that fails is logged and skipped: the server still starts, and
the work happens on first use as before.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

log = logging.getLogger(__name__)
TEMPLATES = ("base.html", "core/partials/form_errors.html")
_WARMERS: list[Callable[[], None]] = []


def register_warmer(fn: Callable[[], None]) -> Callable[[], None]:
    """An app's start-up work (called from its AppConfig.ready(); registering twice changes nothing)."""
    if fn not in _WARMERS:
        _WARMERS.append(fn)
    return fn


def _framework() -> None:
    get_resolver().url_patterns  # noqa: B018  (imports the views and builds the API)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Guomen")
    for name in TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue


def warm_up() -> list[str]:
    """Run the framework's and every app's warmers; returns the names of those that failed."""
    failed = []
    for fn in [_framework, *_WARMERS]:
        try:
            fn()
        except Exception:  # a warmer never stops the server from starting
            log.warning("warm-up step %s failed", getattr(fn, "__qualname__", fn), exc_info=True)
            failed.append(getattr(fn, "__qualname__", str(fn)))
    return failed
