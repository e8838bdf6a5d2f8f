from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.accounts.choices import OrgKind
from guomen.accounts.models import OrgUnit

from .choices import Category, ComplaintKind, Outcome


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select form-select-lg")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control form-control-lg")


class ComplaintForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("I want to"), choices=ComplaintKind.choices, initial=ComplaintKind.COMPLAINT
    )
    product = forms.CharField(label=_("Product"), max_length=200)
    place = forms.CharField(label=_("Where it was bought or seen"), max_length=200, required=False)
    enterprise_name = forms.CharField(label=_("Enterprise (if known)"), max_length=200, required=False)
    agency = forms.ModelChoiceField(
        label=_("Inspection agency complained about (if any)"),
        queryset=None,
        required=False,
        empty_label=_("None: the complaint is not about an inspection agency"),
        help_text=_("An inspection agency that inspected goods or audited a factory for you."),
    )
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}))
    org = forms.ModelChoiceField(
        label=_("Nearest office"),
        queryset=OrgUnit.objects.filter(kind=OrgKind.BRANCH_BUREAU).order_by("path"),
        required=False,
        empty_label=_("Not sure"),
    )
    photos = MultipleFileField(label=_("Photos"), required=False)
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=60, required=False)
    contact_phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import inspection_agencies

        self.fields["agency"].queryset = inspection_agencies()
        _style(self)
        self.fields["description"].widget.attrs["minlength"] = 10

    def service_data(self) -> dict:
        keys = ("kind", "product", "place", "enterprise_name", "description")
        return {k: self.cleaned_data[k] for k in (*keys, "contact_name", "contact_phone", "contact_email")}


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["code"].widget.attrs.update(autocapitalize="characters", placeholder="TS…")


class TriageForm(forms.Form):
    category = forms.ChoiceField(label=_("category"), choices=Category.choices)
    org = forms.ModelChoiceField(label=_("handling unit"), queryset=OrgUnit.objects.none())
    assignee = forms.ModelChoiceField(label=_("assignee"), queryset=None, required=False)
    enterprise = forms.CharField(
        label=_("enterprise complained about (unified social credit code)"),
        max_length=18,
        required=False,
        help_text=_("An inspection agency named here routes the complaint to its supervising unit."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, units=None, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = units
        self.fields["assignee"].queryset = assignees
        _style(self)


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("reply"), widget=forms.Textarea(attrs={"rows": 5}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=pgettext_lazy("complaint", "outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("closing note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
