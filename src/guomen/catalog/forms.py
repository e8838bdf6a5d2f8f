"""Catalog forms: they only parse input; services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .bulk import LIST_SPLIT
from .choices import DocumentType
from .models import Country, Hazard, HsCode, ImportRequirement, ResidueLimit
from .selectors import normalise_hs


class BootstrapMixin:
    """Bootstrap 5 classes on every widget; `version` carries the row version for optimistic locking."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs.setdefault("class", "form-control")


class MasterDataForm(BootstrapMixin, forms.ModelForm):
    """A model form that never touches the database row: services do the saving and uniqueness checks."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, instance=None, **kwargs):
        self.existing = instance
        if instance is not None:
            initial = forms.models.model_to_dict(instance, fields=list(self._meta.fields or []))
            initial.update(self.initial_from(instance))
            initial["version"] = instance.version
            kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        if instance is not None:
            for name in self.locked_on_edit:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].required = False
        self._style()

    locked_on_edit: tuple[str, ...] = ()

    def initial_from(self, instance) -> dict:
        return {}

    def _post_clean(self):
        """Model validation and uniqueness are the service's job (with clearer messages), not the form's."""

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in self.locked_on_edit:
            if self.existing is not None:
                data.pop(name, None)
        return data

    @property
    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")


class HsCodeField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 14)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        return value.code if isinstance(value, HsCode) else value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        found = HsCode.objects.filter(code=normalise_hs(text)).first()
        if found is None:
            raise forms.ValidationError(_("Unknown HS code."))
        return found


class CodeListField(forms.CharField):
    """Codes separated by spaces, commas or semicolons."""

    def clean(self, value) -> list[str]:
        return [c for c in LIST_SPLIT.split(super().clean(value) or "") if c]


class HazardForm(MasterDataForm):
    locked_on_edit = ("code",)

    class Meta:
        model = Hazard
        fields = [
            "code",
            "kind",
            "name_zh",
            "name_en",
            "scientific_name",
            "description",
            "photo_hint",
            "needs_review",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "photo_hint": forms.Textarea(attrs={"rows": 3}),
        }


class ResidueLimitForm(MasterDataForm):
    hs = HsCodeField(label=_("HS code"))
    locked_on_edit = ("hs",)

    class Meta:
        model = ResidueLimit
        fields = ["hs", "value", "unit", "standard"]


class ImportRequirementForm(MasterDataForm):
    hs = HsCodeField(label=_("HS code"), help_text=_("e.g. 081060 or 0810600000"))
    pests = CodeListField(
        label=_("pests of concern"), required=False, help_text=_("Hazard codes separated by ;")
    )
    required_documents = forms.MultipleChoiceField(
        label=_("required documents"),
        required=False,
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Goods without these documents are not released (release rules)."),
    )
    locked_on_edit = ("hs", "origin")

    class Meta:
        model = ImportRequirement
        fields = [
            "hs",
            "origin",
            "access_granted",
            "pests",
            "required_treatment",
            "marking",
            "registered_base_required",
            "required_documents",
            "protocol",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].queryset = Country.objects.order_by("code")

    def initial_from(self, instance) -> dict:
        return {"pests": "; ".join(instance.pests.values_list("code", flat=True)), "hs": instance.hs_id}

    def clean_pests(self):
        codes = self.cleaned_data["pests"]
        found = {h.code: h for h in Hazard.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(_("Unknown hazard codes: %(codes)s.") % {"codes": "、".join(unknown)})
        return [found[c] for c in codes]
