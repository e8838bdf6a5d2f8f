"""Names for stored files that no one can guess (the record keeps the name people see)."""

import secrets
from pathlib import PurePath


def unguessable_name(original: str) -> str:
    """A random name with the original's extension (which readers use to tell the format)."""
    suffix = PurePath(original or "").suffix.lower()[:10]
    return f"{secrets.token_hex(16)}{suffix}"


def download_doc(*media_types: str) -> dict:
    """`openapi_extra` for an API operation answering with a file: its 200 documents each media type the file may
    have (binary), so a generated client knows it is no JSON."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {200: {"description": "The file", "content": {t: binary for t in media_types}}}}
