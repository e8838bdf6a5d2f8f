"""Public data owned by other apps (risk: consumer warnings; supervision: spot checks, blacklist, credit).

Each reader returns only public fields. If the owning app does not offer its reader (an older
database or a trimmed installation), the portal shows the section as unavailable instead of failing.
"""

from importlib import import_module


def _reader(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def consumer_warnings() -> list[dict] | None:
    reader = _reader("guomen.risk.selectors", "public_consumer_warnings")
    return None if reader is None else list(reader())


def spot_check_results(filters: dict) -> list[dict] | None:
    reader = _reader("guomen.supervision.selectors", "published_spot_check_results")
    return None if reader is None else list(reader(filters))


def spot_check_result_choices():
    """The results a published spot check can have (a TextChoices class), or none."""
    return _reader("guomen.supervision.choices", "CheckResult") or []


def blacklist(filters: dict) -> list[dict] | None:
    reader = _reader("guomen.supervision.selectors", "public_blacklist")
    return None if reader is None else list(reader(filters))


def credit(uscc_or_name: str) -> list[dict] | None:
    reader = _reader("guomen.supervision.selectors", "public_credit")
    return None if reader is None else list(reader(uscc_or_name))
