"""Demo data for the laboratory: three laboratories, a second analyst for two-person approval, and samples
of today's 文锦渡 tasks at every stage — waiting at the counter, awaiting approval, approved conforming,
approved non-conforming (which raises a lab risk signal) and one overdue."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit, User
from guomen.accounts.services import user_create
from guomen.catalog.choices import HazardKind
from guomen.catalog.models import Hazard, ResidueLimit
from guomen.clearance.services import clearance_lab_approve
from guomen.demo import reference
from guomen.inspections.models import InspectionTask

from .choices import TestKind
from .judgement import hs_prefixes
from .models import Laboratory, Sample
from .services import (
    result_enter,
    results_submit,
    sample_custody,
    sample_receive_by_code,
    sample_register,
)

ALL_TESTS = list(TestKind.values)
LABORATORIES = [
    ("WJDLAB", "文锦渡海关检验检疫实验室", "WJD", ALL_TESTS),
    ("SZLAB", "深圳海关食品检验检疫技术中心", "SZ", ALL_TESTS),
    ("GZLAB", "广州海关技术中心", "GZ", [TestKind.PESTICIDE_RESIDUES, TestKind.MICROBIOLOGY]),
]
SECOND_ANALYST = ("lab_wjd2", "周静（文锦渡检测复核）")
STAGES = ("handed_over", "awaiting_approval", "conforming", "non_conforming", "overdue")


def _laboratories(bureau) -> dict[str, Laboratory]:
    labs = {}
    for code, name, org_code, tests in LABORATORIES:
        org = bureau.orgs.get(org_code) or OrgUnit.objects.filter(code=org_code).first()
        if org is not None:
            labs[code], _created = Laboratory.objects.get_or_create(
                code=code, defaults={"name": name, "org": org, "tests": tests}
            )
    return labs


def _second_analyst(bureau) -> User | None:
    username, display_name = SECOND_ANALYST
    existing = User.objects.filter(username=username).first()
    if existing is not None or "WJD" not in bureau.orgs:
        return existing
    user = user_create(
        username=username,
        password=reference.DEMO_PASSWORD,
        role=Role.LAB_ANALYST,
        org=bureau.orgs["WJD"],
        display_name=display_name,
        actor=bureau.admin,
    )
    bureau.user_ids[username] = user.pk
    bureau.users.append(
        {
            "username": username,
            "password": reference.DEMO_PASSWORD,
            "role": str(Role.LAB_ANALYST),
            "org": "WJD",
            "display_name": display_name,
        }
    )
    return user


def _residue_with_limit(hs_code: str) -> ResidueLimit | None:
    return (
        ResidueLimit.objects.filter(
            hs_id__in=hs_prefixes(hs_code), hazard__kind=HazardKind.PESTICIDE_RESIDUE, value__gt=0
        )
        .select_related("hazard")
        .order_by("hazard__code")
        .first()
    )


def _to_lab(sample, inspector, analyst) -> Sample:
    sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
    sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
    return sample_receive_by_code(code=sample.number, actor=analyst)


def _enter(sample, analyst, limit: ResidueLimit | None, factor: str) -> None:
    if limit is not None:
        value = (limit.value * Decimal(factor)).quantize(Decimal("0.001"))
        result_enter(
            sample=sample,
            test=TestKind.PESTICIDE_RESIDUES,
            analyte=limit.hazard,
            value=value,
            unit=limit.unit,
            method="GB 23200.113-2018",
            actor=analyst,
        )
    pest = Hazard.objects.filter(kind=HazardKind.QUARANTINE_PEST).order_by("code").first()
    if pest is not None and TestKind.PEST_IDENTIFICATION in sample.tests_requested:
        result_enter(
            sample=sample,
            test=TestKind.PEST_IDENTIFICATION,
            analyte=pest,
            detected=False,
            method="SN/T 1452",
            actor=analyst,
        )


def sample_at_stage(stage, task, lab, inspector, analyst, approver) -> Sample:
    line = task.declaration.lines.order_by("line_no").first()
    limit = _residue_with_limit(line.hs_id) if line else None
    tests = [TestKind.PESTICIDE_RESIDUES] if limit else [TestKind.PEST_IDENTIFICATION]
    sample = sample_register(
        task=task,
        sample_type="fruit_vegetable",
        quantity="2",
        unit="kg",
        tests=tests,
        laboratory=lab,
        actor=inspector,
    )
    if stage == "overdue":
        sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
        sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
        Sample.objects.filter(pk=sample.pk).update(due_date=timezone.localdate() - dt.timedelta(days=2))
        return sample
    if stage == "handed_over":
        sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
        sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
        return sample
    sample = _to_lab(sample, inspector, analyst)
    _enter(sample, analyst, limit, "2.5" if stage in ("non_conforming", "awaiting_approval") else "0.3")
    results_submit(sample=sample, actor=analyst)
    if stage in ("conforming", "non_conforming") and approver is not None:
        clearance_lab_approve(sample=sample, actor=approver)
    return sample


def seed_demo(bureau, rng) -> dict:
    labs = _laboratories(bureau)
    approver = _second_analyst(bureau)
    inspector = User.objects.filter(username="inspector_wjd").first()
    analyst = User.objects.filter(username="lab_wjd").first()
    lab = labs.get("WJDLAB")
    if not (inspector and analyst and lab):
        return {"laboratories": len(labs)}
    tasks = list(
        InspectionTask.objects.filter(port__code="WJD", status__in=("open", "in_progress"))
        .select_related("port", "declaration")
        .order_by("-priority", "id")[: len(STAGES)]
    )
    samples = [
        sample_at_stage(stage, task, lab, inspector, analyst, approver)
        for stage, task in zip(STAGES, tasks, strict=False)
    ]
    return {"laboratories": len(labs), "samples": len(samples)}
