"""Registry writes: enterprises and production bases, validated and audited."""

from .validators import uscc_validate

__all__ = ["uscc_validate"]
