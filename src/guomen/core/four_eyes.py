"""Four eyes (双人复核): the person who proposes a grave decision never approves it.

Services call `require_other_person` before they change anything, so a refusal leaves no trace; views and
the API ask `is_other_person` to decide whether to offer the approve button.
"""

from django.utils.translation import gettext_lazy as _

from .errors import PermissionDenied


class FourEyesViolation(PermissionDenied):
    code = "four_eyes"
    default_message = _("Four eyes: the person who proposed this cannot approve it.")


def _ids(people) -> set:
    return {getattr(p, "pk", p) for p in people if p is not None and getattr(p, "pk", p) is not None}


def is_other_person(user, *people) -> bool:
    """True when `user` is none of `people` (users or user ids; None entries are ignored)."""
    return getattr(user, "pk", None) not in _ids(people)


def require_other_person(actor, *people, message=None) -> None:
    """Refuse (403, code four_eyes) when the actor is one of the people who proposed or prepared the decision.

    A system process (actor None) is never refused here: it approves nothing on a person's behalf.
    """
    if actor is not None and not is_other_person(actor, *people):
        raise FourEyesViolation(message)
