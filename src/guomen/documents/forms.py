from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.catalog.models import Country, Hazard, HsCode

from .choices import DocumentKind
from .models import Document


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("type"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("document number"), max_length=80, required=False)
    title = forms.CharField(label=_("title"), max_length=300)
    title_en = forms.CharField(label=_("English title"), max_length=300, required=False)
    issuer = forms.CharField(label=_("issuer"), max_length=200, required=False)
    issued_on = forms.DateField(
        label=_("issued on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    effective_on = forms.DateField(
        label=_("in force from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    commodities = forms.CharField(
        label=_("commodities (HS)"),
        required=False,
        help_text=_("HS codes or chapters separated by spaces, e.g. 0810 081060"),
    )
    countries = forms.CharField(
        label=_("countries and regions"), required=False, help_text=_("Two-letter codes, e.g. TH VN")
    )
    hazards = forms.ModelMultipleChoiceField(
        label=_("hazards"), queryset=Hazard.objects.order_by("code"), required=False
    )
    public = forms.BooleanField(label=_("public"), required=False)
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(
        label=_("file"), required=False, help_text=_("PDF, DOCX or text; its text is extracted for search.")
    )
    text = forms.CharField(
        label=_("text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only when there is no file."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, instance: Document | None = None, **kwargs):
        self.instance = instance
        if instance is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                **{f: getattr(instance, f) for f in ("kind", "number", "title", "title_en", "issuer")},
                **{f: getattr(instance, f) for f in ("issued_on", "effective_on", "public", "summary")},
                "commodities": " ".join(instance.commodities.values_list("code", flat=True)),
                "countries": " ".join(instance.countries.values_list("code", flat=True)),
                "hazards": list(instance.hazards.all()),
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field.widget, forms.Select | forms.SelectMultiple):
                field.widget.attrs["class"] = "form-select"
            elif name != "version":
                field.widget.attrs["class"] = "form-control"

    def _codes(self, name: str, model) -> list:
        raw = self.cleaned_data.get(name, "").replace(",", " ").replace("，", " ").split()
        codes = [c.upper() for c in raw]
        found = model.objects.in_bulk(codes)
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(_("Unknown codes: %(codes)s") % {"codes": ", ".join(missing)})
        return [found[c] for c in codes]

    def clean_commodities(self):
        return self._codes("commodities", HsCode)

    def clean_countries(self):
        return self._codes("countries", Country)

    def clean(self):
        data = super().clean()
        if self.instance is None and not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("file", _("Upload a file or type the text."))
        return data

    def service_data(self) -> dict:
        keys = ("kind", "number", "title", "title_en", "issuer", "issued_on", "effective_on", "public")
        data = {k: self.cleaned_data[k] for k in keys}
        data.update(
            summary=self.cleaned_data["summary"],
            commodities=self.cleaned_data["commodities"],
            countries=self.cleaned_data["countries"],
            hazards=list(self.cleaned_data["hazards"]),
        )
        return data


class SupersedeForm(forms.Form):
    replacement = forms.ModelChoiceField(
        label=_("replaced by"),
        queryset=Document.objects.filter(status="in_force").defer("text", "index_title", "index_body"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
