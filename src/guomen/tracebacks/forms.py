from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.supervision.choices import Severity

from .choices import Cause


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class NotificationForm(forms.Form):
    reference = forms.CharField(label=_("notification reference"), max_length=60)
    authority = forms.CharField(label=_("notifying authority"), max_length=200)
    notifying_country = forms.CharField(
        label=_("notifying country or region (code)"), max_length=2, required=False
    )
    notified_on = _date(_("notified on"))
    subject = forms.CharField(label=_("subject"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    product = forms.CharField(label=_("product"), max_length=255, required=False)
    commodity_group = forms.CharField(label=_("commodity group (code)"), max_length=40, required=False)
    hs_code = forms.CharField(label=_("HS code"), max_length=12, required=False)
    operator = forms.CharField(
        label=_("operators named (exporter, producer)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    numbers = forms.CharField(
        label=_("declaration or certificate numbers quoted"), max_length=255, required=False
    )
    hazards_text = forms.CharField(label=_("hazards as notified"), max_length=2000, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("task"), max_length=200)
    due_date = _date(_("complete by"))
    assignee = forms.ChoiceField(label=_("assigned to"), required=False)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("myself"))] + [(str(u.pk), str(u)) for u in users]


class TaskDoneForm(forms.Form):
    result = forms.CharField(label=_("result"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))


class FindingsForm(forms.Form):
    findings = forms.CharField(
        label=_("investigation findings"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    cause = forms.ChoiceField(label=_("cause"), choices=Cause.choices)
    severity = forms.ChoiceField(
        label=_("severity (fault at the exporter)"), choices=[("", "—"), *Severity.choices], required=False
    )
    rectify = forms.BooleanField(label=_("ask the enterprise to rectify"), required=False)
    subject = forms.CharField(label=_("what must be put right"), max_length=200, required=False)
    due_date = _date(_("rectify by"), required=False)


class CloseForm(forms.Form):
    report = forms.CharField(
        label=_("closing report"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )
