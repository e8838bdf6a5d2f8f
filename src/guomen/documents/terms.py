"""The words search knows: simplified/traditional folding and the bureau's jieba dictionary.

Text is folded to simplified characters (OpenCC, traditional → simplified) before it is segmented, at index time
and at query time, so 質量月 finds 质量月 and the other way round. The bureau's terms (data/search_terms.txt, plus an
administrator's own file) are loaded into jieba once per process, so each is one word of the index.
"""

import functools
import logging
import os
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

TERMS_FILE = Path(__file__).resolve().parent / "data" / "search_terms.txt"


def extra_terms_file() -> Path:
    """The administrator's own terms: GUOMEN_SEARCH_TERMS, else var/search-terms.txt (used if it exists)."""
    named = os.environ.get("GUOMEN_SEARCH_TERMS")
    return Path(named) if named else Path(settings.VAR_DIR) / "search-terms.txt"


def read_terms(path: Path) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) per line; '#' starts a comment; frequency and tag are optional."""
    terms = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = fold(parts[0])
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        terms.append((word, freq, tag))
    return terms


@functools.lru_cache(maxsize=1)
def bureau_terms() -> tuple[tuple[str, int | None, str | None], ...]:
    files = [TERMS_FILE]
    extra = extra_terms_file()
    if extra.is_file():
        files.append(extra)
    terms = []
    for path in files:
        try:
            terms += read_terms(path)
        except (OSError, UnicodeDecodeError, ValueError):
            log.exception("search terms in %s could not be read", path)
    return tuple(terms)


@functools.lru_cache(maxsize=1)
def long_terms() -> tuple[str, ...]:
    """Terms of four or more characters: jieba's search mode yields only two- and three-character words
    inside a longer word, so these are looked for inside longer words by `inner_terms`."""
    return tuple(sorted({w for w, _f, _t in bureau_terms() if len(w) >= 4}, key=len, reverse=True))


def inner_terms(token: str) -> list[str]:
    """The bureau's longer terms inside a longer word: 检疫性有害生物 → 有害生物."""
    if len(token) < 5:
        return []
    return [term for term in long_terms() if term != token and term in token]


@functools.lru_cache(maxsize=1)
def jieba():
    """jieba with the bureau's terms loaded (once per process)."""
    import jieba as _jieba

    _jieba.setLogLevel(60)
    for word, freq, tag in bureau_terms():
        _jieba.add_word(word, freq=freq or 30000, tag=tag)
    return _jieba


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Traditional characters to simplified (質量月 → 质量月); other text unchanged."""
    if not text or text.isascii():
        return text or ""
    return _converter().convert(text)
