from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.catalog.forms import BootstrapMixin

from .choices import ProductCategory, RecallSource, RecallStatus


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class RecallForm(StyledForm):
    title = forms.CharField(label=_("title"), max_length=200)
    category = forms.ChoiceField(label=_("product category"), choices=ProductCategory.choices)
    product = forms.CharField(label=_("product, model and batch"), max_length=255)
    hs_code = forms.CharField(label=_("HS code"), max_length=10, required=False)
    defect = forms.CharField(label=_("defect and hazard"), widget=forms.Textarea(attrs={"rows": 2}))
    enterprise = forms.CharField(label=_("responsible importer (unified social credit code)"), max_length=18)
    source = forms.ChoiceField(label=_("source"), choices=RecallSource.choices)
    early_warning = forms.CharField(label=_("early warning number"), max_length=30, required=False)
    reported_on = _date(_("reported on"))
    units_affected = forms.IntegerField(label=_("units affected"), min_value=0, initial=0)


class AffectedForm(StyledForm):
    consignments = forms.CharField(
        label=_("affected consignments (declaration numbers, one a line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    dealers = forms.CharField(
        label=_("affected dealers (unified social credit codes, one a line)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class StatusForm(StyledForm):
    to = forms.ChoiceField(label=_("new status"), choices=RecallStatus.choices)
    reason = forms.CharField(label=_("reason"), max_length=255, required=False)
    review = forms.CharField(
        label=_("closing review"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ProgressForm(StyledForm):
    reported_on = _date(_("date"))
    units_recovered = forms.IntegerField(label=_("units recovered so far"), min_value=0)
    note = forms.CharField(label=_("what was done"), max_length=255)


class WarnForm(StyledForm):
    title = forms.CharField(label=_("public title"), max_length=255)
    text = forms.CharField(label=_("public text"), widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label=_("days on the portal"), min_value=1, max_value=365, initial=28)
