"""Declaration forms. They only collect text; clearance_submit checks it and names every bad field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.accounts.choices import OrgKind, Role
from guomen.accounts.models import OrgUnit

from .choices import Channel, DeclarationStatus, Direction, DocumentType, Transport

TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}


def _text(label, required=False, **attrs):
    return forms.CharField(label=label, required=required, widget=forms.TextInput(attrs={**TEXT, **attrs}))


def _select(label, choices, required=False, blank=None):
    options = list(choices)
    if blank is not None:
        options = [("", blank), *options]
    return forms.ChoiceField(
        label=label, required=required, choices=options, widget=forms.Select(attrs=SELECT)
    )


def port_choices(user) -> list[tuple[str, str]]:
    ports = OrgUnit.objects.filter(kind=OrgKind.PORT).order_by("path")
    if user.role != Role.ENTERPRISE and not user.is_superuser:
        ports = ports.filter(path__startswith=user.org_path) if user.org_id else ports.none()
    return [(p.code, f"{p.name} ({p.code})") for p in ports]


class DeclarationForm(forms.Form):
    direction = _select(_("Direction"), Direction.choices, required=True)
    port = _select(_("Port"), [], required=True, blank=_("Choose a port"))
    declarant_uscc = _text(_("Declarant credit code"), required=True, maxlength=18, autocomplete="off")
    consignee_uscc = _text(_("Consignee credit code"), maxlength=18, autocomplete="off")
    consignor_name = _text(_("Consignor"), maxlength=200)
    origin_country = _text(_("Origin country"), required=True, placeholder=_("e.g. TH or 泰国"))
    destination_country = _text(_("Destination country"))
    foreign_consignee_name = _text(_("Consignee abroad (exports)"), maxlength=200)
    foreign_consignee_address = _text(_("Address of the consignee abroad"), maxlength=500)
    foreign_consignee_country = _text(
        _("Country of the consignee abroad"), maxlength=60, placeholder=_("ISO code, e.g. JP")
    )
    transport = _select(_("Transport"), Transport.choices, required=True)
    transport_id = _text(_("Vehicle / container / flight"), maxlength=60)
    arrival_date = forms.CharField(
        label=_("Arrival date"), widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    batch_numbers = _text(
        _("Production batch numbers (exports)"), maxlength=1000, placeholder=_("separate with commas")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["port"].choices = [("", _("Choose a port")), *port_choices(user)]
        if user.role == Role.ENTERPRISE and user.enterprise_id:
            self.fields["declarant_uscc"].initial = user.enterprise.uscc
            self.fields["declarant_uscc"].widget.attrs["readonly"] = True


class LineForm(forms.Form):
    hs_code = _text(_("HS code"), inputmode="numeric", maxlength=12)
    description = _text(_("Description"), maxlength=200)
    quantity = _text(_("Quantity"), inputmode="decimal")
    unit = _text(_("Unit"), maxlength=20, placeholder=_("e.g. carton"))
    net_weight_kg = _text(_("Net weight (kg)"), inputmode="decimal")
    value = _text(_("Value"), inputmode="decimal")
    currency = _text(_("Currency"), maxlength=3)
    production_base_codes = _text(_("Production base codes"), placeholder=_("separate with commas"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"currency": "USD"})
        super().__init__(*args, **kwargs)


class DocumentForm(forms.Form):
    type = _select(_("Document type"), DocumentType.choices, blank="—")
    number = _text(_("Document number"), maxlength=60)
    issued_on = forms.CharField(
        label=_("Issued on"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )


LineFormSet = forms.formset_factory(LineForm, extra=1)
DocumentFormSet = forms.formset_factory(DocumentForm, extra=2)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={**TEXT, "rows": 2}),
    )


class BulkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,.xlsx"}),
    )


class FilterForm(forms.Form):
    q = _text(_("Number"), placeholder=_("Declaration number"), inputmode="search")
    status = _select(_("Status"), DeclarationStatus.choices, blank=_("All statuses"))
    channel = _select(_("Channel"), Channel.choices, blank=_("All channels"))
    port = _text(_("Port code"), maxlength=20)
    origin = _text(_("Origin (code)"), maxlength=2)
    date_from = forms.DateField(
        label=_("Arrival from"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )
    date_to = forms.DateField(
        label=_("Arrival to"), required=False, widget=forms.DateInput(attrs={**TEXT, "type": "date"})
    )


def apply_errors(fields: dict, form, line_forms: list, doc_forms: list) -> None:
    """Put the service's dotted field errors on the form fields they belong to."""
    groups = {"lines": line_forms, "documents": doc_forms}
    for name, messages in fields.items():
        parts = name.split(".")
        target, field = form, {"port_code": "port"}.get(name, name)
        if (
            parts[0] in groups
            and len(parts) == 3
            and parts[1].isdigit()
            and int(parts[1]) < len(groups[parts[0]])
        ):
            target, field = groups[parts[0]][int(parts[1])], parts[2]
        for message in messages:
            if field in target.fields:
                target.add_error(field, message)
            elif parts[0] == "lines" and len(parts) == 1:
                form.add_error(None, message)
            else:
                form.add_error(None, f"{name}: {message}")
