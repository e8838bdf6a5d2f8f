"""Targeting forms: the rule editor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.catalog.models import Country
from guomen.declarations.choices import Direction

from .choices import Channel

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, widget=forms.TextInput(attrs=TEXT))
    hs_prefix = forms.CharField(
        label=_("HS prefix"),
        max_length=10,
        required=False,
        help_text=_("2 to 10 digits; empty matches every commodity."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    origin = forms.ModelChoiceField(
        label=_("Origin"),
        queryset=Country.objects.order_by("code"),
        required=False,
        empty_label=_("Any origin"),
        widget=forms.Select(attrs=SELECT),
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Import and export")), *Direction.choices],
        widget=forms.Select(attrs=SELECT),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, widget=forms.Select(attrs=SELECT)
    )
    instruction = forms.CharField(
        label=_("Instruction for the inspector"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.TextInput(attrs=TEXT)
    )
