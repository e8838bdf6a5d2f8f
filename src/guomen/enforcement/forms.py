from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.catalog.forms import BootstrapMixin

from .choices import Agency, CommitmentKind, Direction, HandoverStatus, PartnerStatus


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class InterviewForm(StyledForm):
    enterprise = forms.CharField(label=_("enterprise (unified social credit code)"), max_length=18)
    scheduled_on = _date(_("scheduled for"))
    subject = forms.CharField(label=_("subject"), max_length=255)


class HoldForm(StyledForm):
    attendees = forms.CharField(label=_("attended by the enterprise"), max_length=255)
    outcome = forms.CharField(label=_("what was agreed"), max_length=500)


class CommitmentForm(StyledForm):
    enterprise = forms.CharField(label=_("enterprise (unified social credit code)"), max_length=18)
    kind = forms.ChoiceField(label=_("kind"), choices=CommitmentKind.choices)
    signed_on = _date(_("signed on"))
    valid_until = _date(_("valid until"), required=False)
    text = forms.CharField(label=_("commitment"), widget=forms.Textarea(attrs={"rows": 2}))


class HandoverForm(StyledForm):
    direction = forms.ChoiceField(label=pgettext_lazy("handover", "direction"), choices=Direction.choices)
    agency = forms.ChoiceField(label=_("partner agency"), choices=Agency.choices)
    agency_office = forms.CharField(label=_("partner office"), max_length=150, required=False)
    enterprise = forms.CharField(
        label=_("enterprise (unified social credit code)"), max_length=18, required=False
    )
    subject = forms.CharField(label=_("subject"), max_length=255)
    handed_on = _date(_("date"))
    reference = forms.CharField(label=_("document reference"), max_length=60, required=False)


class PartnerForm(StyledForm):
    campaign = forms.CharField(label=_("campaign code"), max_length=40)
    agency = forms.ChoiceField(label=_("partner agency"), choices=Agency.choices)
    agency_office = forms.CharField(label=_("partner office"), max_length=150)
    role = forms.CharField(label=_("part it plays"), max_length=255, required=False)


class PartnerStatusForm(StyledForm):
    to = forms.ChoiceField(
        label=_("new status"), choices=[c for c in PartnerStatus.choices if c[0] != PartnerStatus.INVITED]
    )
    reason = forms.CharField(
        label=_("reason"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("reason (when declining or withdrawing)")}),
    )
    role = forms.CharField(
        label=_("part it plays"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("part it plays")}),
    )


class CancelForm(StyledForm):
    reason = forms.CharField(
        label=_("reason"),
        max_length=255,
        widget=forms.TextInput(attrs={"placeholder": _("reason for cancelling")}),
    )


class BreakForm(StyledForm):
    occurred_on = _date(_("broken on"))
    reason = forms.CharField(
        label=_("what the enterprise did"),
        max_length=500,
        widget=forms.TextInput(attrs={"placeholder": _("what the enterprise did")}),
    )


class HandoverStatusForm(StyledForm):
    to = forms.ChoiceField(
        label=_("new status"), choices=[c for c in HandoverStatus.choices if c[0] != HandoverStatus.OPEN]
    )
    result = forms.CharField(
        label=_("reply or result"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The partner's reply; required when the case is concluded."),
    )
