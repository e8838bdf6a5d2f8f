"""Input hygiene shared by every entry point: no null for a required column, no control characters in text."""

import re

from django.db import models
from django.utils.translation import gettext as _

from .errors import ValidationFailed

# NUL and the other C0/C1 control characters, except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def refuse_nulls(model: type[models.Model], changes: dict) -> None:
    """A partial update may not set a column that cannot be empty (NOT NULL) to null."""
    problems = {}
    for name, value in changes.items():
        if value is not None:
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if not getattr(field, "null", True) and not field.many_to_many:
            problems[name] = [_("This field cannot be empty (null).")]
    if problems:
        raise ValidationFailed(fields=problems)


def control_character_fields(data, path: str = "") -> list[str]:
    """The dotted paths of every string in `data` (nested dicts and lists) holding a control character."""
    found = []
    if isinstance(data, str):
        if CONTROL_CHARACTERS.search(data):
            found.append(path or "__all__")
    elif isinstance(data, dict):
        for key, value in data.items():
            found += control_character_fields(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += control_character_fields(value, f"{path}.{index}" if path else str(index))
    return found


def refuse_control_characters(data) -> None:
    fields = control_character_fields(data)
    if fields:
        message = _("Text may not contain control characters (such as NUL).")
        raise ValidationFailed(fields={name: [message] for name in fields[:50]})
