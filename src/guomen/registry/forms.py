"""Registry forms: they only parse input; services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.accounts.models import OrgUnit
from guomen.catalog.forms import BootstrapMixin, CodeListField, MasterDataForm
from guomen.catalog.models import Country, HsCode
from guomen.catalog.selectors import normalise_hs

from .choices import BaseStatus
from .models import Enterprise, ProductionBase
from .selectors import enterprise_by_uscc
from .validators import uscc_problem


def _scoped_orgs(user):
    qs = OrgUnit.objects.order_by("path")
    if user is None or user.is_superuser or not user.org_id:
        return qs
    return qs.filter(path__startswith=user.org.path)


class EnterpriseForm(MasterDataForm):
    locked_on_edit = ("uscc", "filing_status")

    class Meta:
        model = Enterprise
        fields = [
            "uscc",
            "name_zh",
            "name_en",
            "kind",
            "filing_status",
            "org",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "credit_grade",
            "classification",
            "qms_certified",
            "filed_on",
        ]
        widgets = {"filed_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = _scoped_orgs(user)

    def clean_uscc(self):
        value = self.cleaned_data.get("uscc", "")
        if self.existing is None:
            problem = uscc_problem(value)
            if problem:
                raise forms.ValidationError(problem)
        return value


class ProductionBaseForm(MasterDataForm):
    enterprise = forms.CharField(
        label=_("enterprise"),
        required=False,
        help_text=_("Unified social credit code of the enterprise on file"),
    )
    commodities = CodeListField(
        label=_("registered commodities"), required=False, help_text=_("HS codes separated by ;")
    )
    locked_on_edit = ("code",)

    class Meta:
        model = ProductionBase
        fields = [
            "code",
            "kind",
            "name",
            "name_en",
            "country",
            "region",
            "operator_name",
            "enterprise",
            "org",
            "commodities",
            "registered_on",
        ]
        widgets = {"registered_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = _scoped_orgs(user)
        self.fields["country"].queryset = Country.objects.order_by("code")

    def initial_from(self, instance) -> dict:
        return {
            "enterprise": instance.enterprise.uscc if instance.enterprise_id else "",
            "commodities": "; ".join(instance.commodities.values_list("code", flat=True)),
        }

    def clean_enterprise(self):
        value = self.cleaned_data.get("enterprise", "")
        if not value:
            return None
        enterprise = enterprise_by_uscc(value)
        if enterprise is None:
            raise forms.ValidationError(_("No enterprise with this unified social credit code is on file."))
        return enterprise

    def clean_commodities(self):
        codes = [normalise_hs(c) for c in self.cleaned_data["commodities"]]
        found = HsCode.objects.in_bulk(codes)
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(_("Unknown HS codes: %(codes)s.") % {"codes": "、".join(unknown)})
        return [found[c] for c in codes]


class BaseStatusForm(BootstrapMixin, forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=BaseStatus.choices)
    reason = forms.CharField(label=_("reason"), max_length=255, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
