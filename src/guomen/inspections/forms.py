"""Forms of the inspection pages: they parse input; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guomen.core.errors import ApplicationError

from .choices import Disposition, Outcome, TreatmentKind

BLANK = [("", _("— choose —"))]


class OpenChoiceField(forms.ChoiceField):
    """Offers choices but lets any value through: the service says what is wrong with it."""

    def validate(self, value):
        pass


class ResultForm(forms.Form):
    outcome = OpenChoiceField(
        label=_("Outcome"), choices=Outcome.choices, required=False, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control", "data-testid": "result-notes"}),
    )
    proposed_disposition = OpenChoiceField(
        label=_("Proposed disposition"),
        choices=BLANK + list(Disposition.choices),
        required=False,
        widget=forms.Select(
            attrs={"class": "form-select form-select-lg", "data-testid": "proposed-disposition"}
        ),
    )
    treatment_kind = OpenChoiceField(
        label=_("Treatment"),
        choices=BLANK + list(TreatmentKind.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "data-testid": "treatment-kind"}),
    )
    conditions = forms.CharField(
        label=_("Conditions of release"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "data-testid": "conditions"}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecisionForm(forms.Form):
    disposition = OpenChoiceField(
        label=_("Disposition"),
        choices=list(Disposition.choices),
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-lg", "data-testid": "disposition"}),
    )
    treatment_kind = OpenChoiceField(
        label=_("Treatment"),
        choices=BLANK + list(TreatmentKind.choices),
        required=False,
        widget=forms.Select(
            attrs={"class": "form-select form-select-lg", "data-testid": "decision-treatment"}
        ),
    )
    conditions = forms.CharField(
        label=_("Conditions of release"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "data-testid": "decision-reason"}),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


FINDING_FIELDS = ("hazard", "description", "count", "photo_ids", "found_at", "latitude", "longitude", "check")


def findings_from_post(data) -> list[dict]:
    """The finding rows of a posted result form; rows left entirely empty are skipped."""
    columns = {name: data.getlist(f"finding_{name}") for name in FINDING_FIELDS}
    findings = []
    for i, description in enumerate(columns["description"]):

        def cell(name, i=i):
            values = columns[name]
            return values[i].strip() if i < len(values) else ""

        hazard, count, photos = cell("hazard"), cell("count"), cell("photo_ids")
        if not (hazard or description.strip() or count or photos):
            continue
        findings.append(
            {
                "hazard_code": hazard or None,
                "description": description,
                "count": count,
                "photo_ids": [p for p in photos.split(",") if p.strip()],
                "found_at": cell("found_at") or None,
                "latitude": cell("latitude") or None,
                "longitude": cell("longitude") or None,
                "checklist_code": cell("check"),
            }
        )
    return findings


def checklist_from_post(data) -> list[dict]:
    """The checklist answers of a posted result form, in the order the items were shown."""
    return [
        {
            "code": code,
            "result": data.get(f"check_{code}", ""),
            "note": data.get(f"check_note_{code}", ""),
        }
        for code in data.getlist("check_code")
    ]


def findings_rows(data, errors: dict | None = None) -> list[dict]:
    """Rows to show again after a failed post, each with its own error messages."""
    errors = errors or {}
    rows = []
    for i, row in enumerate(findings_from_post(data)):
        row_errors = [m for key, msgs in errors.items() if key.startswith(f"findings.{i}.") for m in msgs]
        rows.append({**row, "errors": row_errors})
    return rows


def apply_errors(form: forms.Form, exc: ApplicationError) -> None:
    """Show a service error on the form: on its field when the form has one, else on top."""
    if not exc.fields:
        form.add_error(None, str(exc.message))
        return
    for name, messages in exc.fields.items():
        if name.startswith(("findings.", "checklist.")):
            continue
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
