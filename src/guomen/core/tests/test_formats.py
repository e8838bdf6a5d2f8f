import datetime as dt

from django import forms
from django.utils import translation


class _DateForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_date_field_is_written_the_way_a_date_input_reads_it_in_chinese():
    with translation.override("zh-hans"):
        html = str(_DateForm(initial={"day": dt.date(2026, 8, 23)})["day"])
    assert 'value="2026-08-23"' in html


def test_dates_typed_with_slashes_are_still_accepted():
    with translation.override("zh-hans"):
        for typed in ("2026/08/23", "2026-08-23"):
            form = _DateForm(data={"day": typed})
            assert form.is_valid() and form.cleaned_data["day"] == dt.date(2026, 8, 23)
