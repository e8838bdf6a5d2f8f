"""Work queues on the home page: each role's own counts first (待查验 3, 待确认 2, 超期检测 1 …), each a link.

Apps register their queues from AppConfig.ready(); a queue's counter is a selector "module:function" taking the
user and returning a count within the user's scope (selectors restrict by unit). Four-eyes approvals waiting
for the user are gathered the same way from every app that has them (register_approvals) and shown as one
queue, 待审批, with its own page.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.urls import reverse


@dataclass(frozen=True)
class Queue:
    key: str
    label: str
    roles: frozenset
    counter: str  # "module:function", called with the user, returns an int
    url_name: str
    query: str = ""
    order: int = 100
    urgent: bool = False  # a non-zero count is shown as a warning


@dataclass(frozen=True)
class Approval:
    """One decision that waits for this user as the second pair of eyes."""

    kind: str
    title: str
    url: str
    proposer: str = ""
    extra: dict = field(default_factory=dict)


QUEUES: list[Queue] = []
APPROVAL_SOURCES: list[str] = []


def register_queue(*queues: Queue) -> None:
    known = {q.key for q in QUEUES}
    QUEUES.extend(q for q in queues if q.key not in known)


def register_approvals(source: str) -> None:
    """`source` is "module:function": (user) -> list[Approval] of decisions the user may take as second person."""
    if source not in APPROVAL_SOURCES:
        APPROVAL_SOURCES.append(source)


def _call(path: str, user):
    module, name = path.split(":")
    return getattr(import_module(module), name)(user)


def approvals_for(user) -> list[Approval]:
    rows: list[Approval] = []
    for source in APPROVAL_SOURCES:
        rows.extend(_call(source, user))
    return rows


def approval_count(user) -> int:
    return len(approvals_for(user))


def queues_for(user) -> list[dict]:
    """The user's queues with their counts, in order (an empty list for roles without queues)."""
    from .permissions import ROLE_INCLUDES

    role = getattr(user, "role", None)
    rows = []
    for queue in sorted(QUEUES, key=lambda q: q.order):
        if role not in queue.roles and ROLE_INCLUDES.get(role) not in queue.roles:
            continue
        url = reverse(queue.url_name) + (f"?{queue.query}" if queue.query else "")
        count = int(_call(queue.counter, user))
        rows.append(
            {
                "key": queue.key,
                "label": queue.label,
                "count": count,
                "url": url,
                "urgent": queue.urgent and count > 0,
            }
        )
    return rows
