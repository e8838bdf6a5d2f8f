"""Targeting forms: rule profiles, control measures, the model lab, re-routing, engine settings."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guomen.accounts.models import OrgUnit
from guomen.catalog.models import CommodityGroup, Country
from guomen.declarations.choices import Direction, Transport
from guomen.registry.choices import CreditGrade, EnterpriseClass
from guomen.registry.models import Enterprise, ProductionBase

from .choices import INSPECTION_CHANNELS, BacktestRules, Channel, MeasureScope

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
CHECK = {"class": "form-check-input"}
DATE = {"class": "form-control", "type": "date"}


def _choice(queryset, label, empty):
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=empty, widget=forms.Select(attrs=SELECT)
    )


class RuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, widget=forms.TextInput(attrs=TEXT))
    hs_prefix = forms.CharField(
        label=_("HS prefix"),
        max_length=10,
        required=False,
        help_text=_("2 to 10 digits; empty matches every commodity."),
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    commodity_group = _choice(CommodityGroup.objects.order_by("code"), _("Commodity group"), _("Any group"))
    origin = _choice(Country.objects.order_by("code"), _("Origin"), _("Any origin"))
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Import and export")), *Direction.choices],
        widget=forms.Select(attrs=SELECT),
    )
    declarant = _choice(Enterprise.objects.order_by("name_zh"), _("Declarant"), _("Any declarant"))
    consignee = _choice(Enterprise.objects.order_by("name_zh"), _("Consignee"), _("Any consignee"))
    production_base = _choice(ProductionBase.objects.order_by("code"), _("Production base"), _("Any base"))
    credit_grades = forms.MultipleChoiceField(
        label=_("Credit grades"),
        required=False,
        choices=CreditGrade.choices,
        help_text=_("Of the consignee (or the declarant when there is none); none ticked matches all."),
        widget=forms.CheckboxSelectMultiple,
    )
    enterprise_classes = forms.MultipleChoiceField(
        label=_("Enterprise classes"),
        required=False,
        choices=EnterpriseClass.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    transport = forms.ChoiceField(
        label=_("Transport"),
        required=False,
        choices=[("", _("Any transport")), *Transport.choices],
        widget=forms.Select(attrs=SELECT),
    )
    port = _choice(OrgUnit.objects.order_by("path"), _("Port (and the units below it)"), _("Any port"))
    unit_value_anomaly = forms.BooleanField(
        label=_("Only when the value per kg is outside the commodity's usual band"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    weight_anomaly = forms.BooleanField(
        label=_("Only when the weight is outside the commodity's usual band"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, widget=forms.Select(attrs=SELECT)
    )
    percentage = forms.IntegerField(
        label=_("Percentage of matching declarations"),
        min_value=1,
        max_value=100,
        initial=100,
        required=False,
        widget=forms.NumberInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=forms.DateInput(attrs=DATE))
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=forms.DateInput(attrs=DATE))
    instruction = forms.CharField(
        label=_("Instruction for the inspector"),
        max_length=255,
        required=False,
        help_text=_("Inspectors see only this text: say what to check, not why the consignment was chosen."),
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )
    active = forms.BooleanField(
        label=_("Active"), required=False, initial=True, widget=forms.CheckboxInput(attrs=CHECK)
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_percentage(self):
        return self.cleaned_data.get("percentage") or 100


class DeactivateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.TextInput(attrs=TEXT)
    )


class MeasureForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Scope"), choices=MeasureScope.choices, widget=forms.Select(attrs=SELECT)
    )
    enterprise = _choice(Enterprise.objects.order_by("name_zh"), _("Enterprise"), "—")
    production_base = _choice(ProductionBase.objects.order_by("code"), _("Production base"), "—")
    origin = _choice(Country.objects.order_by("code"), _("Origin"), "—")
    hs_prefix = forms.CharField(
        label=_("HS prefix"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={**TEXT, "inputmode": "numeric"}),
    )
    commodity_group = _choice(CommodityGroup.objects.order_by("code"), _("Commodity group"), "—")
    consignments = forms.IntegerField(
        label=_("Next consignments to inspect with sampling"),
        min_value=1,
        initial=10,
        widget=forms.NumberInput(attrs=TEXT),
    )
    lift_after_conforming = forms.IntegerField(
        label=_("Lift after this many consecutive conforming results"),
        min_value=1,
        initial=5,
        widget=forms.NumberInput(attrs=TEXT),
    )
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={**TEXT, "rows": 2}))


class MeasureExtendForm(forms.Form):
    more_consignments = forms.IntegerField(
        label=_("More consignments"),
        min_value=0,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
    )
    ends_on = forms.DateField(label=_("New end date"), required=False, widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput(attrs=TEXT))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput(attrs=TEXT))


def _default_from() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=395)


def _default_to() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=31)


class TrainForm(forms.Form):
    train_from = forms.DateField(
        label=_("Declarations from"), initial=_default_from, widget=forms.DateInput(attrs=DATE)
    )
    train_to = forms.DateField(
        label=_("Declarations to"), initial=_default_to, widget=forms.DateInput(attrs=DATE)
    )


class BacktestForm(forms.Form):
    date_from = forms.DateField(
        label=_("Period from"),
        initial=lambda: timezone.localdate() - dt.timedelta(days=90),
        widget=forms.DateInput(attrs=DATE),
    )
    date_to = forms.DateField(
        label=_("Period to"),
        initial=lambda: timezone.localdate() - dt.timedelta(days=8),
        widget=forms.DateInput(attrs=DATE),
    )
    capacity = forms.FloatField(
        label=_("Inspection share"),
        min_value=0.001,
        max_value=0.999,
        initial=0.1,
        help_text=_("0.1 = one declaration in ten is inspected."),
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    rules = forms.ChoiceField(
        label=_("Rule profiles"),
        choices=BacktestRules.choices,
        initial=BacktestRules.HISTORY,
        widget=forms.Select(attrs=SELECT),
    )


class RerouteForm(forms.Form):
    """Release is offered only when nothing mandatory asked for the inspection (the service checks it too)."""

    channel = forms.ChoiceField(label=_("New channel"), choices=(), widget=forms.Select(attrs=SELECT))
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput(attrs=TEXT))

    def __init__(self, *args, may_release: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        offered = [c for c in Channel if c in INSPECTION_CHANNELS] + (
            [Channel.RELEASE] if may_release else []
        )
        # nothing chosen at first: a supervisor picks the new channel, release never by default
        self.fields["channel"].choices = [
            ("", _("Choose the new channel")),
            *((c.value, c.label) for c in offered),
        ]


class SettingsForm(forms.Form):
    random_rate = forms.FloatField(
        label=_("Random control rate"),
        min_value=0,
        max_value=0.5,
        help_text=_("Share of declarations inspected at random, independently of the score (e.g. 0.02)."),
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.005"}),
    )
    default_capacity = forms.FloatField(
        label=_("Default physical-inspection share of a port"),
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
    sampling_score = forms.FloatField(
        label=_("Score from which the model also asks for samples"),
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )


class CapacityForm(forms.Form):
    port = forms.ModelChoiceField(
        label=_("Port"),
        queryset=OrgUnit.objects.filter(kind="port").order_by("path"),
        widget=forms.Select(attrs=SELECT),
    )
    physical_share = forms.FloatField(
        label=_("Physical-inspection share"),
        min_value=0,
        max_value=1,
        widget=forms.NumberInput(attrs={**TEXT, "step": "0.01"}),
    )
