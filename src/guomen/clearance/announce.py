"""What the flow tells others about a declaration's course: listeners registered at start hear each event.

The clearance flow calls `announce()` inside its own transaction when a declaration is selected for
inspection, released, held (treatment, return or destruction decided), when one of its samples failed, and
when an inspection result waits for a supervisor (`task`).
Other apps (notifications) register a listener from their AppConfig.ready(), so neither the flow nor the
workflow leaves import them. A listener gets the event name, the declaration and the facts named below —
never the targeting decision.
"""

from collections.abc import Callable

SELECTED = "selected"
RELEASED = "released"
HELD = "held"
SAMPLE_FAILED = "sample_failed"
RESULT_RECORDED = "result_recorded"  # the bureau's own: a result waits for a supervisor's confirmation
EVENTS = (SELECTED, RELEASED, HELD, SAMPLE_FAILED, RESULT_RECORDED)

LISTENERS: list[Callable] = []


def register_listener(listener: Callable) -> None:
    """`listener(event=..., declaration=..., **facts)`; facts: `task` (held/released), `sample` (sample_failed)."""
    if listener not in LISTENERS:
        LISTENERS.append(listener)


def announce(event: str, *, declaration, **facts) -> None:
    for listener in LISTENERS:
        listener(event=event, declaration=declaration, **facts)
