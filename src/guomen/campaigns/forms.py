from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.catalog.forms import BootstrapMixin

from .choices import ActivityCategory, CampaignKind, LinkKind, Metric


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class CampaignForm(StyledForm):
    code = forms.SlugField(label=_("code"), max_length=40, help_text=_("Short code, e.g. QM2026"))
    name = forms.CharField(label=_("name"), max_length=150)
    kind = forms.ChoiceField(label=_("kind"), choices=CampaignKind.choices)
    theme = forms.CharField(label=_("theme"), max_length=255, required=False)
    starts_on = _date(_("from"))
    ends_on = _date(_("to"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for metric, label in Metric.choices:
            self.fields[f"target_{metric}"] = forms.IntegerField(
                label=label,
                required=False,
                min_value=0,
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )

    def targets(self) -> dict:
        return {m: self.cleaned_data.get(f"target_{m}") or 0 for m in Metric.values}


class ActivityForm(StyledForm):
    category = forms.ChoiceField(label=_("category"), choices=ActivityCategory.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    held_on = _date(_("date"))
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OutreachForm(StyledForm):
    held_on = _date(_("date"))
    events_held = forms.IntegerField(label=_("events held"), min_value=0, required=False)
    enterprises_visited = forms.IntegerField(label=_("enterprises visited"), min_value=0, required=False)
    materials_distributed = forms.IntegerField(label=_("materials distributed"), min_value=0, required=False)
    people_reached = forms.IntegerField(label=_("people reached"), min_value=0, required=False)
    note = forms.CharField(label=_("note"), max_length=255, required=False)


class LinkForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=LinkKind.choices)
    object_id = forms.IntegerField(label=_("record number"), min_value=1)
