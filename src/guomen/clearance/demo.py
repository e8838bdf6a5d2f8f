"""Demo consignments that the release rules stop, so a new user sees each case on the confirmation list.

At 文锦渡: the gate's story (a suspended orchard, no phytosanitary certificate, a red inspection + sampling
channel, recorded conforming without a sample); results recorded on the tasks whose samples the laboratory
demo left pending or failed; and a consignment whose importer's filing was suspended after it was declared.
"""

from django.utils import timezone

from guomen.accounts.models import User
from guomen.declarations.models import Declaration
from guomen.inspections.models import InspectionTask
from guomen.registry.choices import BaseStatus, EnterpriseKind, FilingStatus
from guomen.registry.models import Enterprise, ProductionBase
from guomen.registry.services import enterprise_set_filing_status, production_base_set_status

from .services import clearance_record_result, clearance_reroute, clearance_submit

PHYSICAL_CHECK = [{"code": "phys.decay", "result": "conform", "note": "开箱检查，未见异常"}]


def _submission(template: Declaration, *, base_codes: list[str], documents: list[dict]) -> dict:
    line = template.lines.order_by("line_no").first()
    return {
        "direction": template.direction,
        "port_code": template.port.code,
        "declarant_uscc": template.declarant.uscc,
        "consignee_uscc": template.consignee.uscc if template.consignee_id else None,
        "consignor_name": template.consignor_name,
        "origin_country": template.origin_country_id,
        "transport": template.transport,
        "transport_id": template.transport_id,
        "arrival_date": timezone.localdate(),
        "lines": [
            {
                "hs_code": line.hs_id,
                "description": line.description,
                "quantity": line.quantity,
                "unit": line.unit,
                "net_weight_kg": line.net_weight_kg,
                "value": line.value,
                "currency": line.currency,
                "production_base_codes": base_codes,
            }
        ],
        "documents": documents,
    }


def _record(task, inspector, *, checklist=()) -> None:
    clearance_record_result(
        task=task,
        outcome="conforming",
        notes="货证相符，未发现有害生物。",
        proposed_disposition="release",
        checklist=list(checklist) if task.channel != "document" else [],
        actor=inspector,
    )


def _story(template, inspector, supervisor, admin) -> int:
    """The suspended orchard, no certificate, red channel, conforming without a sample."""
    line = template.lines.order_by("line_no").first()
    base = (
        ProductionBase.objects.filter(
            country_id=template.origin_country_id, commodities__code__startswith=line.hs_id[:6]
        )
        .exclude(status=BaseStatus.REVOKED)
        .order_by("status", "code")
        .first()
    )
    if base is None:
        return 0
    declaration = clearance_submit(actor=None, **_submission(template, base_codes=[base.code], documents=[]))
    if base.status != BaseStatus.SUSPENDED:
        production_base_set_status(
            base=base, to=BaseStatus.SUSPENDED, reason="输华榴莲检出检疫性有害生物", actor=admin
        )
    if declaration.channel != "physical_sampling":
        clearance_reroute(
            declaration=declaration,
            channel="physical_sampling",
            reason="风险研判：加严查验并抽样",
            actor=supervisor,
        )
    task = InspectionTask.objects.get(declaration=declaration, status="open")
    _record(task, inspector)
    return 1


def _failed_sample(template, inspector, supervisor) -> int:
    """Sampled under a red channel, failed at the laboratory, recorded conforming on site."""
    from guomen.labs.demo import sample_at_stage
    from guomen.labs.models import Laboratory

    lab = Laboratory.objects.filter(org__code="WJD").first()
    analyst = User.objects.filter(username="lab_wjd").first()
    approver = User.objects.filter(role="lab_analyst", org__code="WJD").exclude(username="lab_wjd").first()
    if not (lab and analyst and approver):
        return 0
    line = template.lines.order_by("line_no").first()
    data = _submission(
        template,
        base_codes=[b.code for b in line.production_bases.filter(status=BaseStatus.ACTIVE)],
        documents=[{"type": d.type, "number": f"{d.number}-C"} for d in template.documents.all()],
    )
    declaration = clearance_submit(actor=None, **data)
    if declaration.channel != "physical_sampling":
        clearance_reroute(
            declaration=declaration, channel="physical_sampling", reason="抽样检测农药残留", actor=supervisor
        )
    task = InspectionTask.objects.get(declaration=declaration, status="open")
    sample_at_stage("non_conforming", task, lab, inspector, analyst, approver)
    _record(task, inspector, checklist=PHYSICAL_CHECK)
    return 1


def _lab_tasks(inspector) -> int:
    """A laboratory demo task whose sample is still at the laboratory: recorded, it waits for the results."""
    open_here = InspectionTask.objects.filter(port__code="WJD", status__in=("open", "in_progress"))
    count = 0
    task = open_here.filter(samples__status__in=("handed_over", "results_entered")).order_by("id").first()
    if task is not None:
        _record(task, inspector, checklist=PHYSICAL_CHECK)
        count += 1
    return count


def _suspended_importer(template, inspector, admin) -> int:
    """A consignment whose importer's filing is suspended after it was declared."""
    firm = (
        Enterprise.objects.filter(
            kind=EnterpriseKind.IMPORTER, filing_status=FilingStatus.FILED, users__isnull=True
        )
        .exclude(pk=template.declarant_id)
        .order_by("uscc")
        .first()
    )
    if firm is None:
        return 0
    data = _submission(
        template,
        base_codes=[b.code for b in template.lines.first().production_bases.filter(status=BaseStatus.ACTIVE)],
        documents=[{"type": d.type, "number": f"{d.number}-B"} for d in template.documents.all()],
    )
    declaration = clearance_submit(
        actor=None, **{**data, "declarant_uscc": firm.uscc, "consignee_uscc": firm.uscc}
    )
    task = InspectionTask.objects.filter(declaration=declaration, status="open").first()
    if task is None:
        return 0
    _record(task, inspector, checklist=PHYSICAL_CHECK)
    enterprise_set_filing_status(
        enterprise=firm,
        to=FilingStatus.SUSPENDED,
        reason="日常监管发现质量安全管理制度未有效运行",
        actor=admin,
    )
    return 1


def seed_demo(bureau, rng) -> dict:
    inspector = User.objects.filter(username="inspector_wjd").first()
    supervisor = User.objects.filter(username="supervisor_sz").first()
    if inspector is None or supervisor is None:
        return {}
    template = (
        Declaration.objects.filter(
            port__code="WJD", direction="import", lines__production_bases__isnull=False
        )
        .exclude(documents__isnull=True)
        .select_related("port", "declarant", "consignee")
        .order_by("-id")
        .first()
    )
    if template is None:
        return {}
    stopped = _story(template, inspector, supervisor, bureau.admin)
    stopped += _lab_tasks(inspector)
    stopped += _failed_sample(template, inspector, supervisor)
    stopped += _suspended_importer(template, inspector, bureau.admin)
    return {"release_rule_cases": stopped}
