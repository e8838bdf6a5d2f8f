"""Result writes: entry judged against the limits, submission, two-person approval."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.catalog.models import Hazard
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from ..choices import ALLOWED_TRANSITIONS, SampleStatus, TestKind, Verdict
from ..judgement import PRESENCE_KINDS, UnitMismatch, judge_presence, judge_value, limit_for, normalise_unit
from ..models import Sample, TestItem
from .samples import _check_lab_scope, _decimal


def _analyte(analyte) -> Hazard | None:
    if isinstance(analyte, Hazard):
        return analyte
    code = str(analyte or "").strip()
    return Hazard.objects.filter(code=code).first() if code else None


def _judge(*, sample: Sample, analyte: Hazard, value, unit: str, lod, detected) -> tuple[dict, object]:
    errors: dict[str, str] = {}
    amount = _decimal(value, "value", errors, required=False)
    lod_value = _decimal(lod, "lod", errors, required=False)
    unit = normalise_unit(unit) if (unit or "").strip() else ""
    if errors:
        raise ValidationFailed(fields=errors)
    hs_code = sample.line.hs_id if sample.line_id else ""
    limit = limit_for(analyte, hs_code)
    if amount is not None:
        if not unit:
            raise ValidationFailed(fields={"unit": _("Give the unit of the measured value.")})
        try:
            judgement = judge_value(amount, unit, limit, lod_value)
        except UnitMismatch as exc:
            raise ValidationFailed(fields={"unit": str(exc)}) from exc
        detected = not (lod_value is not None and amount < lod_value)
    elif detected is None:
        raise ValidationFailed(
            fields={"detected": _("Enter the measured value, or say detected / not detected.")}
        )
    elif detected and analyte.kind not in PRESENCE_KINDS:
        raise ValidationFailed(fields={"value": _("Give the measured value of a detected residue.")})
    else:
        judgement = judge_presence(bool(detected), analyte, limit)
    fields = {
        "value": amount,
        "unit": unit,
        "lod": lod_value,
        "detected": bool(detected),
        "verdict": judgement.verdict,
        "limit_value": judgement.limit.value if judgement.limit else None,
        "limit_unit": judgement.limit.unit if judgement.limit else "",
        "limit_standard": judgement.limit.standard if judgement.limit else "",
    }
    return fields, judgement


@transaction.atomic
def result_enter(
    *,
    sample: Sample,
    test: str,
    analyte,
    actor,
    value=None,
    unit: str = "",
    method: str = "",
    lod=None,
    detected: bool | None = None,
) -> TestItem:
    """Enter (or correct) the result of one analyte; it is judged at once against the commodity's limit."""
    _check_lab_scope(actor, sample, "lab.result")
    if sample.status not in (SampleStatus.RECEIVED, SampleStatus.TESTING):
        raise Conflict(_("Results can only be entered for a sample that is received and not yet submitted."))
    errors: dict[str, str] = {}
    if test not in sample.tests_requested:
        errors["test"] = _("This test was not requested for the sample.")
    hazard = _analyte(analyte)
    if hazard is None:
        errors["analyte"] = _("Choose the analyte from the catalogue.")
    if len((method or "").strip()) > 120:
        errors["method"] = _("At most 120 characters.")
    if errors:
        raise ValidationFailed(fields=errors)
    fields, judgement = _judge(
        sample=sample, analyte=hazard, value=value, unit=unit, lod=lod, detected=detected
    )
    if sample.status == SampleStatus.RECEIVED:
        transition(
            sample,
            to=SampleStatus.TESTING,
            allowed=ALLOWED_TRANSITIONS,
            actor=actor,
            verb="lab.start",
            org_path=sample.port.path,
        )
    item, created = TestItem.objects.update_or_create(
        sample=sample,
        test=test,
        analyte=hazard,
        defaults={
            **fields,
            "method": (method or "").strip(),
            "entered_by": actor,
            "entered_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        verb="lab.result",
        obj=sample,
        org_path=sample.port.path,
        after={
            "analyte": hazard.code,
            "analyte_name": hazard.name_zh,
            **model_snapshot(
                item, ["test", "value", "unit", "lod", "detected", "verdict", "limit_value", "limit_unit"]
            ),
        },
        reason=judgement.explanation,
    )
    return item


@transaction.atomic
def results_submit(*, sample: Sample, actor, expected_version: int | None = None) -> Sample:
    """The analyst has entered every requested test: the results go to a second analyst for approval."""
    _check_lab_scope(actor, sample, "lab.result")
    tested = set(sample.items.values_list("test", flat=True))
    missing = [t for t in sample.tests_requested if t not in tested]
    if missing:
        labels = dict(TestKind.choices)
        raise ValidationFailed(
            fields={
                "items": _("No result yet for: %(tests)s.")
                % {"tests": "、".join(str(labels.get(t, t)) for t in missing)}
            }
        )
    return transition(
        sample,
        to=SampleStatus.RESULTS_ENTERED,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="lab.submit",
        expected_version=expected_version,
        org_path=sample.port.path,
    )


def _approver_check(sample: Sample, actor) -> None:
    _check_lab_scope(actor, sample, "lab.approve")
    if sample.items.filter(entered_by=actor).exists():
        raise PermissionDenied(
            _("Results must be approved by a second analyst, not by the one who entered them.")
        )


@transaction.atomic
def results_approve(*, sample: Sample, actor, expected_version: int | None = None) -> Sample:
    """A second analyst approves: the results are final (the clearance flow passes them on)."""
    _approver_check(sample, actor)
    items = list(sample.items.select_related("analyte"))
    failing = [i for i in items if i.verdict == Verdict.NON_CONFORMING]
    verdict = Verdict.NON_CONFORMING if failing else Verdict.CONFORMING
    transition(
        sample,
        to=SampleStatus.APPROVED,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="lab.approve",
        expected_version=expected_version,
        org_path=sample.port.path,
        extra_fields={"verdict": verdict, "approved_by_id": actor.pk, "approved_at": timezone.now()},
    )
    return sample


@transaction.atomic
def results_return(*, sample: Sample, actor, reason: str, expected_version: int | None = None) -> Sample:
    """The second analyst sends the results back for correction."""
    _approver_check(sample, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": _("Say what must be corrected.")})
    return transition(
        sample,
        to=SampleStatus.TESTING,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb="lab.return",
        reason=reason,
        expected_version=expected_version,
        org_path=sample.port.path,
    )
