"""Forms of the laboratory pages: they parse input; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import SampleType, SampleUnit, TestKind

BLANK = [("", _("— choose —"))]
RESULT_UNITS = ["mg/kg", "μg/kg", "CFU/g", "CFU/25g", "MPN/g", "mg/L"]


class OpenChoiceField(forms.ChoiceField):
    """Offers choices but lets any value through: the service says what is wrong with it."""

    def validate(self, value):
        pass


class OpenMultipleChoiceField(forms.MultipleChoiceField):
    def validate(self, value):
        pass


class SampleForm(forms.Form):
    sample_type = OpenChoiceField(
        label=_("Sample type"),
        choices=BLANK + list(SampleType.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "data-testid": "sample-type"}),
    )
    quantity = forms.CharField(
        label=_("Quantity"),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg", "inputmode": "decimal", "data-testid": "quantity"}
        ),
    )
    unit = OpenChoiceField(
        label=_("Unit"),
        choices=list(SampleUnit.choices),
        required=False,
        initial=SampleUnit.KG,
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "data-testid": "unit"}),
    )
    tests = OpenMultipleChoiceField(
        label=_("Tests requested"),
        choices=list(TestKind.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    laboratory = OpenChoiceField(
        label=_("Laboratory"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "data-testid": "laboratory"}),
    )
    line = OpenChoiceField(
        label=_("Declaration line"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-lg"}),
    )
    notes = forms.CharField(
        label=_("Remarks on the sample"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, laboratories=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["laboratory"].choices = BLANK + [(lab.code, lab.name) for lab in laboratories]
        self.fields["line"].choices = [
            (str(line.pk), f"{line.line_no}. {line.hs_id} {line.description}") for line in lines
        ]
        if len(lines) < 2:
            self.fields["line"].widget = forms.HiddenInput()


class ScanForm(forms.Form):
    """A sample code, scanned with the camera or typed."""

    code = forms.CharField(
        label=_("Sample code"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg font-monospace",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "data-testid": "scan-code",
            }
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ResultForm(forms.Form):
    test = OpenChoiceField(
        label=_("Test"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "data-testid": "result-test"}),
    )
    analyte = OpenChoiceField(
        label=_("Analyte"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "data-testid": "result-analyte"}),
    )
    value = forms.CharField(
        label=_("Measured value"),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "inputmode": "decimal", "data-testid": "result-value"}
        ),
    )
    unit = OpenChoiceField(
        label=_("Unit"),
        choices=[(u, u) for u in RESULT_UNITS],
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "data-testid": "result-unit"}),
    )
    lod = forms.CharField(
        label=_("Limit of detection (LOD)"),
        required=False,
        widget=forms.TextInput(
            attrs={"class": "form-control", "inputmode": "decimal", "data-testid": "result-lod"}
        ),
    )
    method = forms.CharField(
        label=_("Method"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"class": "form-control", "data-testid": "result-method"}),
    )
    detected = OpenChoiceField(
        label=_("Detected?"),
        choices=[("", _("from the value")), ("yes", _("Detected")), ("no", _("Not detected"))],
        required=False,
        widget=forms.Select(attrs={"class": "form-select", "data-testid": "result-detected"}),
    )

    def __init__(self, *args, tests=(), analytes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["test"].choices = list(tests)
        self.fields["analyte"].choices = BLANK + [(h.code, h.picklist_label) for h in analytes]

    def detected_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("detected") or "")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "data-testid": "reason"}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
