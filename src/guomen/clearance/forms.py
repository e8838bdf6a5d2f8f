from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.inspections.choices import Disposition

RELEASE_CHOICES = [
    (Disposition.RELEASE.value, Disposition.RELEASE.label),
    (Disposition.CONDITIONAL_RELEASE.value, Disposition.CONDITIONAL_RELEASE.label),
]


class OverrideRequestForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=RELEASE_CHOICES, required=False)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Why release despite the hard stops"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OverrideDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
