import unicodedata

from django.utils.translation import gettext as _


def _pad(text: str, width: int) -> str:
    """Pad to a display width (CJK characters take two columns)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(1, width - used)


def print_logins(out, rows: list[dict]) -> None:
    """The demo logins as an aligned table."""
    out.write(_("Demo logins (username / password / role / unit):"))
    for row in rows:
        out.write(
            "  " + _pad(row["username"], 18) + _pad(row["password"], 14) + _pad(row["role"], 18) + row["unit"]
        )
