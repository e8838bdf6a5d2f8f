from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.catalog.forms import BootstrapMixin

from .choices import InputKind, SiteKind, SiteStatus
from .substances import substance_choices


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


def _codes(value: str) -> list[str]:
    return [c for c in value.replace("，", ",").replace(" ", ",").split(",") if c.strip()]


class SiteForm(StyledForm):
    enterprise = forms.CharField(
        label=_("enterprise (unified social credit code)"), max_length=18, required=False
    )
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("type"), choices=SiteKind.choices)
    address = forms.CharField(label=_("address"), max_length=255)
    commodities = forms.CharField(
        label=_("registered commodities"), max_length=300, help_text=_("HS codes, separated by commas.")
    )
    destinations = forms.CharField(
        label=_("destinations"), max_length=300, help_text=_("Country or region codes, e.g. HK, MO, JP.")
    )
    hk_macao = forms.BooleanField(label=_("supplies Hong Kong and Macao"), required=False)

    def __init__(self, *args, enterprise_user=False, **kwargs):
        super().__init__(*args, **kwargs)
        if enterprise_user:
            del self.fields["enterprise"]

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        d["commodities"] = _codes(d["commodities"])
        d["destinations"] = _codes(d["destinations"])
        return d


class SiteStatusForm(StyledForm):
    to = forms.ChoiceField(label=_("new status"), choices=SiteStatus.choices)
    reason = forms.CharField(label=_("reason"), max_length=255, required=False)


class ReviewForm(StyledForm):
    reviewed_on = _date(_("reviewed on"))
    note = forms.CharField(label=_("note"), max_length=255, required=False)


class InputForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind of input"), choices=InputKind.choices)
    product = forms.CharField(label=_("product name"), max_length=200)
    substance = forms.CharField(
        label=_("active substance"), max_length=40, required=False, widget=forms.Select
    )
    dose = forms.CharField(label=_("dose"), max_length=20)
    unit = forms.CharField(label=pgettext_lazy("measure", "unit"), max_length=20)
    used_on = _date(_("date used"))
    withdrawal_days = forms.IntegerField(
        label=_("withdrawal period / safe interval (days)"),
        required=False,
        help_text=_("Left empty: the usual period of the substance."),
    )
    source = forms.CharField(label=_("supplier or source"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # any code reaches the service, which names an unknown one
        self.fields["substance"].widget.choices = [("", "—"), *substance_choices()]


class BatchForm(StyledForm):
    commodity = forms.ChoiceField(label=_("commodity"))
    quantity = forms.CharField(label=_("quantity"), max_length=20)
    unit = forms.CharField(label=pgettext_lazy("measure", "unit"), max_length=20, initial="kg")
    harvested_on = _date(_("harvest / production date"))
    destination = forms.ChoiceField(label=_("destination"))
    inputs = forms.MultipleChoiceField(
        label=_("input records"), required=False, widget=forms.CheckboxSelectMultiple
    )
    raw_lots = forms.CharField(label=_("raw material lots"), max_length=255, required=False)

    def __init__(self, *args, site, inputs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commodity"].choices = [
            (h.code, f"{h.code} {h.display_name}") for h in site.commodities.all()
        ]
        self.fields["destination"].choices = [(c.code, c.display_name) for c in site.destinations.all()]
        self.fields["inputs"].choices = [
            (str(r.pk), f"{r.used_on:%Y-%m-%d} {r.get_kind_display()} {r.product}") for r in inputs
        ]
        self.fields["inputs"].widget.attrs["class"] = "form-check-input"

    def service_data(self) -> dict:
        d = dict(self.cleaned_data)
        d["inputs"] = [int(i) for i in d["inputs"]]
        return d


class AttachForm(StyledForm):
    batches = forms.MultipleChoiceField(label=_("production batches"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, batches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batches"].choices = [
            (b.number, f"{b.number} · {b.commodity_id} · {b.quantity.normalize()} {b.unit}") for b in batches
        ]
        self.fields["batches"].widget.attrs["class"] = "form-check-input"


class LoadingForm(StyledForm):
    container_number = forms.CharField(
        label=_("container number"), max_length=20, help_text=_("4 letters and 7 digits, e.g. CSQU3054383.")
    )
    seal_number = forms.CharField(label=_("seal number"), max_length=40)
    loaded_at = forms.DateTimeField(
        label=_("loaded at"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    notes = forms.CharField(label=_("notes"), max_length=500, required=False)
