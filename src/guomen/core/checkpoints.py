"""The audit log's anchor outside the database: the signing key and the append-only checkpoint file.

A checkpoint states "the sealed log held `count` events and its newest hash was `head`" at `signed_at`, signed
with HMAC-SHA256 under a key that is never stored in the database. Each checkpoint is written both to the
`AuditCheckpoint` table and as one JSON line to the checkpoint file, which can be shipped elsewhere (rsync, WORM
storage, a second site). See docs/adr/0004-audit-log-without-a-global-lock.md.

Settings (from the environment in settings/base.py):
- `GUOMEN_AUDIT_KEY_FILE`: the key (at least 32 random bytes, stored as hex). Development generates one under
  var/audit/ on the first seal; production requires the path to be set (settings/prod.py) and never generates.
- `GUOMEN_AUDIT_CHECKPOINT_FILE`: the append-only JSON-lines file of signed checkpoints.
"""

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

FORMAT = "guomen-audit-checkpoint/v1"


class AuditAnchorError(Exception):
    """The key or the checkpoint file is missing, unreadable or malformed: verification cannot vouch for the log."""

    def __init__(self, message: str, *, kind: str):
        super().__init__(message)
        self.kind = kind  # "key" or "file"


@dataclass(frozen=True)
class SignedCheckpoint:
    count: int
    head: str
    signed_at: str
    key_id: str
    signature: str

    def message(self) -> bytes:
        return f"{FORMAT}\n{self.count}\n{self.head}\n{self.signed_at}".encode()

    def as_line(self) -> str:
        body = {
            "count": self.count,
            "head": self.head,
            "signed_at": self.signed_at,
            "key_id": self.key_id,
            "sig": self.signature,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class AuditKey:
    secret: bytes

    @property
    def key_id(self) -> str:
        """A fingerprint naming the key in checkpoints, so a rotated or wrong key is told apart from forgery."""
        return hashlib.sha256(b"guomen-audit-key-id\n" + self.secret).hexdigest()[:16]

    def sign(self, *, count: int, head: str, signed_at: str) -> SignedCheckpoint:
        unsigned = SignedCheckpoint(count, head, signed_at, self.key_id, "")
        signature = hmac.new(self.secret, unsigned.message(), hashlib.sha256).hexdigest()
        return SignedCheckpoint(count, head, signed_at, self.key_id, signature)

    def signs(self, checkpoint: SignedCheckpoint) -> bool:
        expected = hmac.new(self.secret, checkpoint.message(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, checkpoint.signature)


def key_path() -> Path:
    return Path(settings.GUOMEN_AUDIT_KEY_FILE)


def checkpoint_path() -> Path:
    return Path(settings.GUOMEN_AUDIT_CHECKPOINT_FILE)


def load_key(*, create: bool = False) -> AuditKey:
    """Read the key; with `create` (sealing, and only where settings allow it) write a new one when none exists."""
    path = key_path()
    if not path.exists():
        if create and settings.GUOMEN_AUDIT_KEY_GENERATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
        else:
            raise AuditAnchorError(_("The audit key file %(path)s is missing.") % {"path": path}, kind="key")
    try:
        text = path.read_text(encoding="ascii").strip()
        secret = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise AuditAnchorError(
            _("The audit key file %(path)s cannot be read: %(error)s") % {"path": path, "error": exc},
            kind="key",
        ) from exc
    if len(secret) < 32:
        raise AuditAnchorError(
            _("The audit key in %(path)s is too short (at least 32 bytes are needed).") % {"path": path},
            kind="key",
        )
    return AuditKey(secret)


def append_checkpoint(checkpoint: SignedCheckpoint) -> None:
    """Append one line and flush it to disk before the sealing transaction commits."""
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
    try:
        os.write(fd, (checkpoint.as_line() + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_checkpoints(*, required: bool) -> list[SignedCheckpoint]:
    """Every checkpoint in the file, in order. A missing file is an error when checkpoints are expected."""
    path = checkpoint_path()
    if not path.exists():
        if required:
            raise AuditAnchorError(
                _("The audit checkpoint file %(path)s is missing.") % {"path": path}, kind="file"
            )
        return []
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditAnchorError(
            _("The audit checkpoint file %(path)s cannot be read: %(error)s") % {"path": path, "error": exc},
            kind="file",
        ) from exc
    checkpoints = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            checkpoints.append(
                SignedCheckpoint(
                    count=int(data["count"]),
                    head=str(data["head"]),
                    signed_at=str(data["signed_at"]),
                    key_id=str(data["key_id"]),
                    signature=str(data["sig"]),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise AuditAnchorError(
                _("Line %(line)d of the audit checkpoint file %(path)s is not a checkpoint.")
                % {"line": number, "path": path},
                kind="file",
            ) from exc
    return checkpoints
