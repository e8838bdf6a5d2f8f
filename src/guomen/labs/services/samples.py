"""Sample writes: registration with a unique number, the chain of custody, rejection."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.numbering import insert_numbered
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition
from guomen.inspections.choices import TaskStatus

from ..choices import ALLOWED_TRANSITIONS, DEFAULT_TURNAROUND_DAYS, SampleStatus, SampleType, TestKind
from ..models import CustodyEvent, Laboratory, Sample

SAMPLING_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_CONFIRMATION)
MAX_QUANTITY = Decimal("1000000")
CUSTODY = {
    SampleStatus.SEALED: ("lab.custody", "lab.seal"),
    SampleStatus.HANDED_OVER: ("lab.custody", "lab.hand_over"),
    SampleStatus.RECEIVED: ("lab.receive", "lab.receive"),
}


def turnaround_days(tests: list[str]) -> int:
    table = {**DEFAULT_TURNAROUND_DAYS, **getattr(settings, "GUOMEN_LAB_TURNAROUND_DAYS", {})}
    return max((int(table.get(t, 7)) for t in tests), default=7)


def _decimal(value, field: str, errors: dict, *, required: bool = True) -> Decimal | None:
    if value in (None, ""):
        if required:
            errors[field] = _("This field is required.")
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors[field] = _("Enter a number.")
        return None
    if not number.is_finite() or number < 0:
        errors[field] = _("Enter a number of zero or more.")
        return None
    if number >= MAX_QUANTITY:
        errors[field] = _("The number is too large.")
        return None
    return number


def _laboratory(laboratory) -> Laboratory | None:
    if isinstance(laboratory, Laboratory):
        return laboratory
    code = str(laboratory or "").strip()
    return Laboratory.objects.filter(code=code).select_related("org").first() if code else None


def _clean_registration(*, task, sample_type, quantity, unit, tests, laboratory) -> dict:
    errors: dict[str, str] = {}
    if sample_type not in SampleType.values:
        errors["sample_type"] = _("Choose a sample type.")
    amount = _decimal(quantity, "quantity", errors)
    if amount is not None and amount <= 0:
        errors["quantity"] = _("Enter a quantity above zero.")
    unit = (unit or "").strip()
    if not unit:
        errors["unit"] = _("Give the unit of the quantity.")
    elif len(unit) > 20:
        errors["unit"] = _("At most 20 characters.")
    tests = list(dict.fromkeys(str(t).strip() for t in (tests or []) if str(t).strip()))
    if not tests:
        errors["tests"] = _("Request at least one test.")
    elif unknown := [t for t in tests if t not in TestKind.values]:
        errors["tests"] = _("Unknown test: %(tests)s.") % {"tests": "、".join(unknown)}
    lab = _laboratory(laboratory)
    if lab is None or not lab.active:
        errors["laboratory"] = _("Choose a laboratory.")
    elif lab.tests and "tests" not in errors and (missing := [t for t in tests if t not in lab.tests]):
        labels = dict(TestKind.choices)
        errors["tests"] = _("%(lab)s does not perform: %(tests)s.") % {
            "lab": lab.name,
            "tests": "、".join(str(labels[t]) for t in missing),
        }
    if errors:
        raise ValidationFailed(fields=errors)
    return {"quantity": amount, "unit": unit, "tests": tests, "laboratory": lab}


def _highest_taken(prefix: str) -> int:
    last = (
        Sample.objects.filter(number__startswith=prefix, number__regex=rf"^{prefix}[0-9]{{4}}$")
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return int(last[len(prefix) :]) if last else 0


def _insert_with_number(sample: Sample) -> None:
    """Next number of the port and day: YP + port code + yyyymmdd + 4 digits.

    The port-day counter is advanced in its own statement (core.numbering): two inspectors registering at once
    get distinct numbers without waiting on each other; a number already taken is skipped; gaps are accepted.
    """
    prefix = f"YP{sample.port.code}{timezone.localdate():%Y%m%d}"
    insert_numbered(
        sample,
        key=f"labs.sample:{prefix}",
        number=lambda n: f"{prefix}{n:04d}",
        floor=lambda: _highest_taken(prefix),
    )


@transaction.atomic
def sample_register(
    *,
    task,
    sample_type: str,
    quantity,
    unit: str,
    tests: list[str],
    laboratory,
    actor,
    line=None,
    notes: str = "",
) -> Sample:
    """Register a sample drawn during an inspection; the label carries its number."""
    require(actor, "lab.sample")
    if not org_in_scope(actor, task.port):
        raise PermissionDenied(_("This task belongs to another jurisdiction."))
    if task.status not in SAMPLING_TASK_STATUSES:
        raise Conflict(_("Samples can only be registered while the inspection is under way."))
    clean = _clean_registration(
        task=task, sample_type=sample_type, quantity=quantity, unit=unit, tests=tests, laboratory=laboratory
    )
    if line is None:
        line = task.declaration.lines.order_by("line_no").first()
    elif line.declaration_id != task.declaration_id:
        raise ValidationFailed(fields={"line": _("This line belongs to another declaration.")})
    sample = Sample(
        task=task,
        declaration_id=task.declaration_id,
        line=line,
        port=task.port,
        laboratory=clean["laboratory"],
        sample_type=sample_type,
        quantity=clean["quantity"],
        unit=clean["unit"],
        tests_requested=clean["tests"],
        due_date=timezone.localdate() + dt.timedelta(days=turnaround_days(clean["tests"])),
        registered_by=actor,
        notes=(notes or "").strip()[:500],
    )
    _insert_with_number(sample)
    audit_record(
        actor=actor,
        verb="lab.register",
        obj=sample,
        org_path=task.port.path,
        after=model_snapshot(
            sample,
            [
                "number",
                "task",
                "laboratory",
                "sample_type",
                "quantity",
                "unit",
                "tests_requested",
                "due_date",
            ],
        ),
    )
    return sample


def _check_lab_scope(actor, sample: Sample, action: str) -> None:
    require(actor, action)
    if not org_in_scope(actor, sample.laboratory.org):
        raise PermissionDenied(_("This sample is sent to another laboratory."))


@transaction.atomic
def sample_custody(
    *,
    sample: Sample,
    step: str,
    scanned_code: str,
    actor,
    note: str = "",
    expected_version: int | None = None,
) -> Sample:
    """One custody step (sealed, handed over, received), confirmed by scanning the sample's code."""
    if step not in CUSTODY:
        raise ValidationFailed(fields={"step": _("Unknown custody step.")})
    action, verb = CUSTODY[step]
    if step == SampleStatus.RECEIVED:
        _check_lab_scope(actor, sample, action)
    else:
        require(actor, action)
        if not org_in_scope(actor, sample.port):
            raise PermissionDenied(_("This sample belongs to another jurisdiction."))
    code = (scanned_code or "").strip().upper()
    if code != sample.number:
        raise ValidationFailed(
            fields={
                "code": _("The scanned code %(code)s is not this sample (%(number)s).")
                % {"code": code or "—", "number": sample.number}
            }
        )
    transition(
        sample,
        to=step,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb=verb,
        reason=(note or "").strip(),
        expected_version=expected_version,
        org_path=sample.port.path,
    )
    CustodyEvent.objects.create(
        sample=sample, step=step, by=actor, scanned_code=code, note=(note or "").strip()[:255]
    )
    return sample


@transaction.atomic
def sample_receive_by_code(*, code: str, actor, note: str = "") -> Sample:
    """The laboratory scans (or types) a sample code at the counter: the sample is received."""
    require(actor, "lab.receive")
    number = (code or "").strip().upper()
    if not number:
        raise ValidationFailed(fields={"code": _("Scan or type the sample code.")})
    sample = Sample.objects.select_related("laboratory__org", "port").filter(number=number).first()
    if sample is None or not org_in_scope(actor, sample.laboratory.org):
        raise ValidationFailed(
            fields={"code": _("No sample %(code)s is expected at your laboratory.") % {"code": number}}
        )
    if sample.status == SampleStatus.RECEIVED:
        raise Conflict(_("Sample %(code)s was already received.") % {"code": number})
    if sample.status != SampleStatus.HANDED_OVER:
        raise Conflict(
            _("Sample %(code)s cannot be received: it is “%(status)s”; it must be handed over first.")
            % {"code": number, "status": sample.get_status_display()}
        )
    return sample_custody(
        sample=sample, step=SampleStatus.RECEIVED, scanned_code=number, actor=actor, note=note
    )


@transaction.atomic
def sample_reject(*, sample: Sample, actor, reason: str, expected_version: int | None = None) -> Sample:
    """The laboratory refuses a sample (broken seal, too little, spoiled); the inspector must resample."""
    _check_lab_scope(actor, sample, "lab.receive")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": _("Say why the sample is rejected.")})
    return transition(
        sample,
        to=SampleStatus.REJECTED,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="lab.reject",
        reason=reason,
        expected_version=expected_version,
        org_path=sample.port.path,
    )
