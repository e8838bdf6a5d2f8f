"""Errors that services raise, each with a user-facing (translatable) message."""

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """Base class: `code` is stable for clients, `message` is shown to people, `fields` names bad input."""

    status = 400
    code = "error"
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, *, fields: dict | None = None, code: str | None = None):
        self.message = message or self.default_message
        self.fields = {
            k: [str(m) for m in (v if isinstance(v, list | tuple) else [v])]
            for k, v in (fields or {}).items()
        }
        if code:
            self.code = code
        super().__init__(str(self.message))

    def as_dict(self) -> dict:
        return {"code": self.code, "message": str(self.message), "fields": self.fields}


class ValidationFailed(ApplicationError):
    status = 422
    code = "validation_error"
    default_message = _("Some fields are not valid.")


class PermissionDenied(ApplicationError):
    status = 403
    code = "permission_denied"
    default_message = _("You do not have permission to do this.")


class NotFound(ApplicationError):
    status = 404
    code = "not_found"
    default_message = _("The record was not found.")


class Conflict(ApplicationError):
    status = 409
    code = "conflict"
    default_message = _("The record was changed by someone else. Reload it and try again.")


class IllegalTransition(Conflict):
    code = "illegal_transition"
    default_message = _("This action is not allowed in the record's current status.")


def validation_error_from_django(exc) -> ValidationFailed:
    """Turn a Django ValidationError (from full_clean) into a ValidationFailed naming each field."""
    if hasattr(exc, "message_dict"):
        fields = {k: list(v) for k, v in exc.message_dict.items()}
    else:
        fields = {"__all__": list(exc.messages)}
    return ValidationFailed(fields=fields)


# Pydantic's error types in the words of the rest of the application (its own messages are English).
_INPUT_MESSAGES = {
    "missing": _("This field is required."),
    "int_parsing": _("Enter a whole number."),
    "int_type": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "float_parsing": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "bool_parsing": _("Enter true or false."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "datetime_parsing": _("Enter a date and time."),
    "datetime_from_date_parsing": _("Enter a date and time."),
    "string_type": _("Enter text."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "greater_than_equal": _("Enter a value of at least %(ge)s."),
    "greater_than": _("Enter a value greater than %(gt)s."),
    "less_than_equal": _("Enter a value of at most %(le)s."),
    "less_than": _("Enter a value less than %(lt)s."),
}


def input_message(err: dict) -> str:
    """One pydantic validation error as a translated message (pydantic's own text when it is not known)."""
    template = _INPUT_MESSAGES.get(err.get("type", ""))
    if template is None:
        return str(err.get("msg", ""))
    try:
        return str(template) % {k: v for k, v in (err.get("ctx") or {}).items()}
    except (KeyError, TypeError, ValueError):
        return str(err.get("msg", ""))
