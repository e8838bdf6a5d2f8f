"""Names for stored files that no one can guess (the record keeps the name people see)."""

import secrets
from pathlib import PurePath


def unguessable_name(original: str) -> str:
    """A random name with the original's extension (which readers use to tell the format)."""
    suffix = PurePath(original or "").suffix.lower()[:10]
    return f"{secrets.token_hex(16)}{suffix}"
