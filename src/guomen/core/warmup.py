"""Work a server process does once at start rather than on its first request.

Importing every view and API router (the URL configuration), reading the translation catalogues and
compiling the base templates take a second or two; without this the first person to open a page after a
restart waits for all of it.
"""

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

TEMPLATES = ("base.html", "core/partials/form_errors.html")


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018  (imports the views and builds the API)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Guomen")
    for name in TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
