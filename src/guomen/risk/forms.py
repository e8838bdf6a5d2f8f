from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit, User
from guomen.catalog.models import CommodityGroup, Country, Hazard
from guomen.catalog.selectors import hs_resolve
from guomen.registry.models import Enterprise, ProductionBase

from .choices import MANUAL_SOURCES, Classification, ClusterDimension, MeasureKind, RiskDecision, SignalSource

DATE = forms.DateInput(attrs={"type": "date"})


def _choice(queryset, label, **kwargs):
    return forms.ModelChoiceField(queryset=queryset, required=False, label=label, **kwargs)


class SubjectFields(forms.Form):
    hazard = _choice(Hazard.objects.order_by("needs_review", "name_zh"), _("Hazard"))
    origin = _choice(Country.objects.all(), _("Origin"))
    commodity_group = _choice(CommodityGroup.objects.all(), _("Commodity group"))
    enterprise = _choice(Enterprise.objects.order_by("name_zh"), _("Enterprise"))
    production_base = _choice(ProductionBase.objects.order_by("code"), _("Production base"))


class SignalForm(SubjectFields):
    source = forms.ChoiceField(
        label=_("Source"), choices=[(s.value, s.label) for s in SignalSource if s in MANUAL_SOURCES]
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=pgettext_lazy("risk", "Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    hs = forms.CharField(label=_("HS code"), max_length=10, required=False)
    field_order = ["source", "title", "description", "occurred_on", "hs"]

    def clean_hs(self):
        code = self.cleaned_data.get("hs", "").strip()
        if not code:
            return None
        hs = hs_resolve(code)
        if hs is None:
            raise forms.ValidationError(_("Unknown HS code."))
        return hs


class AssessmentForm(forms.Form):
    risk_decision = forms.ChoiceField(label=_("Risk decision"), choices=RiskDecision.choices)
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class WarningForm(SubjectFields):
    title = forms.CharField(label=_("Title"), max_length=255)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}))
    classification = forms.ChoiceField(label=_("Classification"), choices=Classification.choices)
    risk_decision = forms.ChoiceField(label=_("Risk decision"), choices=RiskDecision.choices)
    addressees = forms.ModelMultipleChoiceField(
        queryset=OrgUnit.objects.order_by("path"),
        required=False,
        label=_("Addressed to"),
        help_text=_("A border rejection goes to every port when it is published."),
        widget=forms.CheckboxSelectMultiple,
    )
    hs_prefix = forms.CharField(label=_("HS prefix"), max_length=10, required=False)
    field_order = ["title", "body", "classification", "risk_decision", "addressees"]


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Measure"), choices=MeasureKind.choices)
    scope = forms.ChoiceField(
        label=_("Applies to"),
        choices=[("", _("The warning's most specific subject")), *ClusterDimension.choices],
        required=False,
        help_text=_("For tightened inspection and suspension."),
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True)
        .exclude(role__in=[Role.ENTERPRISE, Role.SYSTEM])
        .order_by("username"),
        label=pgettext_lazy("risk", "Owner"),
    )
    deadline = forms.DateField(label=pgettext_lazy("risk", "Deadline"), widget=DATE)
    lifting_condition = forms.CharField(label=_("Lifting condition"), max_length=255)
    enterprise = _choice(Enterprise.objects.order_by("name_zh"), _("Enterprise"))
    production_base = _choice(ProductionBase.objects.order_by("code"), _("Production base"))
    origin = _choice(Country.objects.all(), _("Origin"))
    commodity_group = _choice(CommodityGroup.objects.all(), _("Commodity group"))
    hs_prefix = forms.CharField(label=_("HS prefix"), max_length=10, required=False)
    consignments = forms.IntegerField(label=_("Consignments to inspect"), min_value=1, required=False)
    lift_after_conforming = forms.IntegerField(
        label=_("Lift after conforming consignments"), min_value=0, required=False
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE, required=False)
    public_title = forms.CharField(label=_("Public title"), max_length=255, required=False)
    public_text = forms.CharField(
        label=_("Public text"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    public_days = forms.IntegerField(
        label=_("Days on the portal"), min_value=1, max_value=365, required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MappingForm(forms.Form):
    commodity_group = _choice(CommodityGroup.objects.all(), _("Commodity group"))
    country = _choice(Country.objects.all(), _("Country"))
    reviewed = forms.BooleanField(label=_("Reviewed"), required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


def bootstrap(form: forms.Form) -> forms.Form:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")
    return form
