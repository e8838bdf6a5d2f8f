"""Helpers for tests across apps."""

from stdnum.cn import uscc


def make_uscc(n: int, region: str = "440300") -> str:
    """A valid 18-character unified social credit code built from a sequence number."""
    body = f"91{region}{n:09d}"[:17]
    body = body[:8] + body[8:].replace("I", "1")
    return body + uscc.calc_check_digit(body)
