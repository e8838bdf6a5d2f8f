"""Emergency forms: a plan, a drill, an activation (plan and early warning picked among what the user may see),
a task, a duty, a status report and the closing review. Choices that depend on the user or the plan are given
when the form is made; services check them again."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from guomen.catalog.forms import BootstrapMixin

from .choices import PlanKind


class QuickSelect(forms.Select):
    """A select whose options are written in one pass (hundreds of plans or people), not one template each."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) and value else value)
        )
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if str(v) == chosen else "", label) for v, label in self.choices),
        )
        return format_html(
            "<select{}>{}</select>",
            flatatt(self.build_attrs(self.attrs, {**(attrs or {}), "name": name})),
            options,
        )


class StyledForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _date(label):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


def _moment(label):
    return forms.DateTimeField(
        label=label,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _text(label, rows=2, required=True):
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}))


class PlanForm(StyledForm):
    unit = forms.ChoiceField(label=_("unit"))
    kind = forms.ChoiceField(label=_("kind"), choices=PlanKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    contacts = _text(_("command group and contacts"), rows=4)
    revised_on = _date(_("revised on"))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]


class DrillForm(StyledForm):
    held_on = _date(_("held on"))
    scenario = forms.CharField(label=_("scenario"), max_length=255)
    findings = _text(_("findings and improvements"))


class ActivateForm(StyledForm):
    plan = forms.ChoiceField(label=_("emergency plan"), widget=QuickSelect)
    early_warning = forms.ChoiceField(label=_("early warning"), required=False, widget=QuickSelect)
    situation = _text(_("situation"), rows=3)
    instructions = _text(_("first instructions"), required=False)

    def __init__(self, *args, plans=(), warnings=(), **kwargs):
        super().__init__(*args, **kwargs)
        kinds = {value: str(label) for value, label in PlanKind.choices}  # once, not once a plan
        self.fields["plan"].choices = [(str(p.pk), f"{kinds.get(p.kind, p.kind)} · {p.title}") for p in plans]
        self.fields["early_warning"].choices = [("", _("No early warning"))] + [
            (str(w.pk), f"{w.number} {w.title}") for w in warnings
        ]


class TaskForm(StyledForm):
    title = forms.CharField(label=pgettext_lazy("response", "task"), max_length=255)
    assignee = forms.ChoiceField(label=_("assigned to"), widget=QuickSelect)
    due_on = _date(_("due on"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = _people(people)


class DutyForm(StyledForm):
    person = forms.ChoiceField(label=_("on duty"), widget=QuickSelect)
    starts_at = _moment(pgettext_lazy("duty", "from"))
    ends_at = _moment(pgettext_lazy("duty", "to"))
    phone = forms.CharField(
        label=_("phone"), max_length=30, widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"})
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _people(people)


class ReportForm(StyledForm):
    text = _text(_("report"), rows=3)


class CloseForm(StyledForm):
    review = _text(_("review"), rows=3)


def _people(people) -> list:
    return [
        (u.username, f"{u.get_full_name() or u.display_name or u.username} · {u.org.name}") for u in people
    ]
