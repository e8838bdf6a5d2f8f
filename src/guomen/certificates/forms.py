from django import forms
from django.utils.translation import gettext_lazy as _


class AmendForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs.setdefault("class", "form-control")


class ReplaceForm(AmendForm):
    additional_declarations = forms.CharField(
        label=_("Additional declarations (one a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class VerifyForm(forms.Form):
    number = forms.CharField(label=_("Certificate number"), max_length=30)
    code = forms.CharField(label=_("Verification code"), max_length=12)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update(
                {
                    "class": "form-control form-control-lg",
                    "autocapitalize": "characters",
                    "autocomplete": "off",
                }
            )
