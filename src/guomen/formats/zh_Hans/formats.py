"""Simplified Chinese formats, with ISO dates first among the input formats.

Date fields are `<input type="date">`, which only takes a value written as YYYY-MM-DD. Django writes a form's
value with the first input format, and its zh_Hans formats start with "%Y/%m/%d": the browser then shows an
empty field, and saving an edit form would silently clear the date. The other input formats stay accepted.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403
from django.conf.locale.zh_Hans.formats import DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = ["%Y-%m-%d", *[f for f in DATE_INPUT_FORMATS if f != "%Y-%m-%d"]]
