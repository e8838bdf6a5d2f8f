from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.catalog.forms import BootstrapMixin

from .choices import CertificateStatus, CheckItem, MisuseStatus, Scheme


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class CertificateForm(StyledForm):
    enterprise = forms.CharField(label=_("holder (unified social credit code)"), max_length=18)
    scheme = forms.ChoiceField(label=_("scheme"), choices=Scheme.choices)
    number = forms.CharField(label=_("certificate number"), max_length=60)
    products = forms.CharField(label=_("certified products or scope"), max_length=255)
    hs_code = forms.CharField(label=_("HS code"), max_length=10, required=False)
    body = forms.CharField(
        label=_("certification body on file (unified social credit code)"), max_length=18, required=False
    )
    body_name = forms.CharField(label=_("certification body (not on file)"), max_length=150, required=False)
    valid_from = _date(_("valid from"))
    valid_until = _date(_("valid until"))


class StatusForm(StyledForm):
    to = forms.ChoiceField(label=_("new status"), choices=CertificateStatus.choices)
    reason = forms.CharField(label=_("reason"), max_length=255)


class PlanForm(StyledForm):
    planned_on = _date(_("planned for"))


RESULT_CHOICES = [("ok", _("Conforming")), ("nc", _("Non-conforming")), ("na", _("Not applicable"))]


class RecordForm(StyledForm):
    checked_on = _date(_("checked on"))
    findings = forms.CharField(
        label=_("non-conformities found"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    rectification_due = _date(_("rectify by"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item, label in CheckItem.choices:
            self.fields[f"item_{item}"] = forms.ChoiceField(
                label=label,
                choices=RESULT_CHOICES,
                initial="ok",
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def results(self) -> dict:
        return results_of(self.cleaned_data)


def results_of(data) -> dict:
    """The checklist answers of a recorded check, by item."""
    return {item: data.get(f"item_{item}") for item in CheckItem.values}


class CloseForm(StyledForm):
    rectified_on = _date(_("rectified on"))
    reason = forms.CharField(label=_("how the rectification was verified"), max_length=255)


class MisuseForm(StyledForm):
    enterprise = forms.CharField(label=_("enterprise (unified social credit code)"), max_length=18)
    found_on = _date(_("found on"))
    description = forms.CharField(label=_("what was found"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(StyledForm):
    to = forms.ChoiceField(
        label=_("decision"),
        choices=[
            (MisuseStatus.PENALISED, MisuseStatus.PENALISED.label),
            (MisuseStatus.DISMISSED, MisuseStatus.DISMISSED.label),
        ],
    )
    penalty = forms.CharField(label=_("penalty"), max_length=255, required=False)
    reason = forms.CharField(label=_("reason"), max_length=255)


class CatalogueForm(StyledForm):
    hs_prefix = forms.CharField(label=_("HS code or prefix"), max_length=12)
    name_zh = forms.CharField(label=_("product category"), max_length=100)
    announcement = forms.CharField(label=_("catalogue announcement"), max_length=100, required=False)
    in_force_from = _date(_("in force from"), required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RetireForm(StyledForm):
    retired_on = _date(_("retired from"), required=False)
    reason = forms.CharField(label=_("reason for retiring"), max_length=255)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
