from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.accounts.models import OrgUnit
from guomen.registry.models import Enterprise

from .choices import DecisionKind


def _style(form):
    for field in form.fields.values():
        w = field.widget
        if isinstance(w, forms.HiddenInput):
            continue
        w.attrs.setdefault(
            "class",
            "form-select form-select-lg" if isinstance(w, forms.Select) else "form-control form-control-lg",
        )


class ConsignmentForm(forms.Form):
    number = forms.CharField(label=_("Declaration number"), max_length=30)
    code = forms.CharField(label=_("Verification code on the receipt"), max_length=8)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["number"].widget.attrs.update(autocapitalize="characters", autocomplete="off")
        self.fields["code"].widget.attrs.update(autocapitalize="characters", autocomplete="off")


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("type"), choices=DecisionKind.choices)
    decision_number = forms.CharField(label=_("decision number"), max_length=60)
    enterprise_uscc = forms.CharField(
        label=_("unified social credit code"),
        max_length=18,
        required=False,
        help_text=_("An enterprise on file: its name is filled in."),
    )
    enterprise_name = forms.CharField(label=_("enterprise name"), max_length=200, required=False)
    decided_on = forms.DateField(label=_("decision date"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 4}))
    legal_basis = forms.CharField(label=_("legal basis"), max_length=300, required=False)
    org = forms.ModelChoiceField(label=_("deciding unit"), queryset=OrgUnit.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        _style(self)

    def clean(self):
        data = super().clean()
        code = (data.get("enterprise_uscc") or "").strip().upper()
        data["enterprise"] = Enterprise.objects.filter(uscc=code).first() if code else None
        if code and data["enterprise"] is None:
            self.add_error("enterprise_uscc", _("No enterprise on file has this code."))
        if not code and not (data.get("enterprise_name") or "").strip():
            self.add_error("enterprise_name", _("Give the enterprise name or its credit code."))
        return data

    def service_data(self) -> dict:
        keys = (
            "kind",
            "decision_number",
            "enterprise",
            "enterprise_name",
            "decided_on",
            "summary",
            "legal_basis",
            "org",
        )
        data = {k: self.cleaned_data.get(k) for k in keys}
        data["enterprise_name"] = data["enterprise_name"] or ""
        if data["enterprise"] is None:
            data["enterprise_uscc"] = ""
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)
