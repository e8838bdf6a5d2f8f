from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.catalog.forms import BootstrapMixin

from . import choices as c


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


def _enterprise():
    return forms.CharField(label=_("enterprise (unified social credit code)"), max_length=18)


def _reason():
    return forms.CharField(label=_("reason"), max_length=255)


class StatusForm(StyledForm):
    """Any record's status change: the target status is checked against the record's transitions table."""

    to = forms.CharField(label=_("new status"), max_length=20)
    reason = _reason()


class LicenceForm(StyledForm):
    enterprise = _enterprise()
    number = forms.CharField(label=_("licence number"), max_length=40)
    business = forms.ChoiceField(label=_("business"), choices=c.FoodBusiness.choices)
    premises = forms.CharField(label=_("premises"), max_length=150)
    valid_from = _date(_("valid from"))
    valid_until = _date(_("valid until"))


class GradeForm(StyledForm):
    grade = forms.ChoiceField(label=_("grade"), choices=c.Grade.choices)
    graded_on = _date(_("assessed on"))


class ConsigneeForm(StyledForm):
    enterprise = _enterprise()
    materials = forms.CharField(label=_("waste materials imported"), max_length=255)
    applied_on = _date(_("applied on"))


class RegisterForm(StyledForm):
    number = forms.CharField(label=_("registration number"), max_length=40)
    registered_on = _date(_("registered on"))


class ReviewForm(StyledForm):
    reviewed_on = _date(_("reviewed on"))
    passed = forms.TypedChoiceField(
        label=_("review result"),
        choices=[("1", _("Passed")), ("0", _("Failed: suspend"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label=_("review notes"), max_length=255)


class FindingForm(StyledForm):
    enterprise = _enterprise()
    check_kind = forms.ChoiceField(label=_("check"), choices=c.AgencyCheckKind.choices)
    found_on = _date(_("found on"))
    description = forms.CharField(label=_("what was found"), widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(StyledForm):
    to = forms.ChoiceField(
        label=_("decision"),
        choices=[(s, s.label) for s in (c.FindingStatus.PENALISED, c.FindingStatus.DISMISSED)],
    )
    penalty = forms.CharField(label=_("penalty"), max_length=255, required=False)
    reason = _reason()


class UseForm(StyledForm):
    enterprise = _enterprise()
    packaging = forms.ChoiceField(label=_("packaging type"), choices=c.PackagingKind.choices)
    batch = forms.CharField(label=_("packaging batch"), max_length=40, required=False)
    un_number = forms.CharField(label=_("UN number"), max_length=8)
    goods = forms.CharField(label=_("goods"), max_length=150)
    inspected_on = _date(_("inspected on"))
    result = forms.ChoiceField(label=_("result"), choices=c.UseResult.choices)
    valid_until = _date(_("valid until"), required=False)


class AgencyForm(StyledForm):
    enterprise = _enterprise()
    scope = forms.MultipleChoiceField(
        label=_("scope of business"),
        choices=c.AgencyScope.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    applied_on = _date(_("applied on"))


class AgencyRegisterForm(StyledForm):
    number = forms.CharField(label=_("qualification number"), max_length=40)
    registered_on = _date(_("registered on"))
    valid_until = _date(_("valid until"))


class MonitoringForm(StyledForm):
    licence = forms.CharField(label=_("food hygiene licence number"), max_length=40, required=False)
    port = forms.CharField(
        label=_("or the port (unit code)"),
        max_length=20,
        required=False,
        help_text=_("Leave the licence empty for a result at the port itself."),
    )
    category = forms.ChoiceField(label=_("monitoring category"), choices=c.MonitoringCategory.choices)
    item = forms.CharField(label=_("monitored item"), max_length=80)
    sampling_point = forms.CharField(label=_("sampling point"), max_length=150)
    sampled_on = _date(_("sampled on"))
    value = forms.DecimalField(label=_("result value"), max_digits=14, decimal_places=4, min_value=0)
    unit = forms.CharField(label=pgettext_lazy("measurement", "unit"), max_length=30)
    limit = forms.DecimalField(
        label=pgettext_lazy("monitoring", "limit"), max_digits=14, decimal_places=4, min_value=0
    )
    limit_kind = forms.ChoiceField(label=_("the value must be"), choices=c.LimitKind.choices)


class MakerForm(StyledForm):
    enterprise = _enterprise()
    number = forms.CharField(label=_("registration number"), max_length=40)
    products = forms.CharField(
        label=_("UN packaging codes"), max_length=255, help_text=_("Separated by commas, e.g. 1A1, 1H1, 4G")
    )
    registered_on = _date(_("registered on"))
    valid_until = _date(_("valid until"))


def _outcome(label):
    return forms.ChoiceField(label=label, choices=c.TestOutcome.choices)


class PerformanceForm(StyledForm):
    maker = forms.CharField(label=_("maker's registration number"), max_length=40)
    un_code = forms.CharField(label=_("UN packaging code"), max_length=10)
    batch = forms.CharField(label=_("packaging batch"), max_length=40)
    tested_on = _date(_("tested on"))
    drop = _outcome(_("drop test"))
    stacking = _outcome(_("stacking test"))
    leakproof = _outcome(_("leakproofness test"))
    hydraulic = _outcome(_("hydraulic pressure test"))
    valid_until = _date(_("valid until"), required=False)


class CloseForm(StyledForm):
    to = forms.ChoiceField(
        label=_("new status"),
        choices=[(s, s.label) for s in (c.MonitoringStatus.RECTIFIED, c.MonitoringStatus.WITHDRAWN)],
    )
    reason = _reason()
