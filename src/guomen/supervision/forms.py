"""Supervision forms: they only parse input; services decide and save."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.catalog.forms import BootstrapMixin
from guomen.catalog.models import CommodityGroup, Country
from guomen.registry.choices import BaseKind, EnterpriseClass, EnterpriseKind

from .checklists import ChecklistKind
from .choices import CreditEventKind, ItemOutcome, Severity


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _reason(label=None):
    return forms.CharField(
        label=label or _("reason"), max_length=255, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(StyledForm):
    reason = _reason()


class FilingActionForm(StyledForm):
    action = forms.ChoiceField(
        label=_("action"),
        choices=[("suspend", _("Suspend")), ("revoke", _("Revoke")), ("restore", _("Restore"))],
    )
    reason = _reason()


class DecisionForm(StyledForm):
    decision = forms.ChoiceField(label=_("decision"), choices=[("yes", _("Approve")), ("no", _("Reject"))])
    reason = _reason()


class OverrideForm(StyledForm):
    new_class = forms.ChoiceField(label=_("class"), choices=EnterpriseClass.choices)
    until = forms.DateField(
        label=_("valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = _reason()


class CreditEventForm(StyledForm):
    kind = forms.ChoiceField(label=_("kind"), choices=CreditEventKind.choices)
    severity = forms.ChoiceField(label=_("severity"), choices=[("", "—"), *Severity.choices], required=False)
    occurred_on = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(
        label=_("evidence (document numbers, records)"), max_length=255, required=False
    )
    evidence_file = forms.FileField(label=_("evidence file"), required=False)
    related_event = forms.IntegerField(label=_("violation rectified (number)"), required=False)


class BlacklistProposeForm(StyledForm):
    reason = _reason()
    legal_basis = forms.CharField(label=_("legal basis"), max_length=255, required=False)


class PetitionForm(StyledForm):
    root_cause = forms.CharField(label=_("root cause"), widget=forms.Textarea(attrs={"rows": 3}))
    corrective_actions = forms.CharField(
        label=_("corrective actions"), widget=forms.Textarea(attrs={"rows": 3})
    )


class FilingApplicationForm(StyledForm):
    statement = forms.CharField(
        label=_("statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Business scope, quality-system certificates (ISO 9001, HACCP), premises."),
    )


class BaseApplicationForm(StyledForm):
    code = forms.CharField(label=_("registration code"), max_length=40)
    kind = forms.ChoiceField(label=_("type"), choices=BaseKind.choices)
    name = forms.CharField(label=_("name"), max_length=200)
    country = forms.ModelChoiceField(label=_("country"), queryset=Country.objects.order_by("code"))
    region = forms.CharField(label=_("region"), max_length=100, required=False)
    statement = forms.CharField(
        label=_("statement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanForm(StyledForm):
    name = forms.CharField(label=_("name"), max_length=150)
    enterprise_kinds = forms.MultipleChoiceField(
        label=_("enterprise types"),
        choices=EnterpriseKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commodity_groups = forms.ModelMultipleChoiceField(
        label=_("commodity groups"),
        queryset=CommodityGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sample_count = forms.IntegerField(label=_("number to select"), required=False, min_value=1)
    sample_share = forms.DecimalField(
        label=_("or share to select (%)"), required=False, max_digits=5, decimal_places=2
    )
    risk_weighted = forms.BooleanField(label=_("weight by class and credit grade"), required=False)
    checklist_kind = forms.ChoiceField(label=_("checklist"), choices=ChecklistKind.choices, required=False)
    starts_on = forms.DateField(label=_("period from"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("period to"), widget=forms.DateInput(attrs={"type": "date"}))
    publish_within_days = forms.IntegerField(
        label=_("publish results within (days)"), required=False, min_value=1
    )


class DrawForm(StyledForm):
    seed = forms.IntegerField(
        label=_("seed"),
        required=False,
        min_value=0,
        help_text=_("Leave empty for a fresh random seed; enter a recorded seed to repeat a draw."),
    )


class RulesForm(StyledForm):
    params = forms.CharField(
        label=_("parameters (JSON)"), widget=forms.Textarea(attrs={"rows": 8, "class": "font-monospace"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_params(self):
        try:
            return json.loads(self.cleaned_data["params"])
        except ValueError as exc:
            raise forms.ValidationError(_("This is not valid JSON: %(error)s") % {"error": exc}) from exc


class RectifiedForm(StyledForm):
    rectified_on = forms.DateField(
        label=_("rectification completed on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ConflictForm(StyledForm):
    reason = _reason(_("reason for the conflict"))


class AssignForm(StyledForm):
    """Two inspectors (user ids, chosen from the page's lists) and the reason; the service checks them."""

    inspector_a = forms.IntegerField(label=_("first inspector"), required=False)
    inspector_b = forms.IntegerField(label=_("second inspector"), required=False)
    reason = forms.CharField(
        label=_("reason for assigning by hand"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def checklist_from_post(post, task) -> dict:
    """{position: (outcome, note)} from the phone form's item_<n> / note_<n> fields."""
    return {
        item.position: (post.get(f"item_{item.position}", ""), post.get(f"note_{item.position}", ""))
        for item in task.items.all()
    }


OUTCOME_CHOICES = ItemOutcome.choices
