"""Deterministic draws: the same declaration number and purpose always give the same number in [0, 1).

Percentages of rule profiles, floors, frequency levels and the random control group are drawn this way,
so a decision can be replayed and explained, and draws for different purposes are independent.
"""

import hashlib

SCALE = float(1 << 64)


def draw(number: str, purpose: str) -> float:
    digest = hashlib.blake2b(f"{number}|{purpose}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / SCALE


def drawn(number: str, purpose: str, rate: float) -> bool:
    """True for a share `rate` of declaration numbers (rate 1 always, 0 never)."""
    if rate >= 1.0:
        return True
    if rate <= 0.0:
        return False
    return draw(number, purpose) < rate
