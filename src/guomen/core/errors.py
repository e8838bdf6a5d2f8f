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
