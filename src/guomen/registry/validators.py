"""Unified social credit code (统一社会信用代码, GB 32100) checking with a message saying what is wrong."""

from django.utils.translation import gettext as _
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from guomen.core.errors import ValidationFailed

USCC_LENGTH = 18
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _bad_character(code: str) -> tuple[int, str] | None:
    for index, char in enumerate(code):
        allowed = "0123456789" if index < 8 else _ALPHABET
        if char not in allowed:
            return index + 1, char
    return None


def uscc_problem(value: str) -> str | None:
    """None for a valid code, else a translated sentence naming the problem."""
    code = stdnum_uscc.compact(str(value or ""))
    if not code:
        return _("Enter the unified social credit code.")
    try:
        stdnum_uscc.validate(code)
    except InvalidLength:
        return _("The unified social credit code must have 18 characters; this one has %(n)d.") % {
            "n": len(code)
        }
    except InvalidFormat:
        position, char = _bad_character(code) or (0, "")
        return _("Character %(pos)d (“%(char)s”) is not allowed in a unified social credit code.") % {
            "pos": position,
            "char": char,
        }
    except InvalidChecksum:
        return _("The check digit of the unified social credit code is wrong.")
    except ValidationError:
        return _("This is not a valid unified social credit code.")
    return None


def uscc_clean(value: str) -> str:
    """Upper-case, separator-free form (not validated)."""
    return stdnum_uscc.compact(str(value or ""))


def uscc_validate(value: str) -> str:
    """The cleaned code; raises ValidationFailed(fields={"uscc": [...]}) when it is not valid."""
    problem = uscc_problem(value)
    if problem:
        raise ValidationFailed(problem, fields={"uscc": [problem]})
    return uscc_clean(value)
