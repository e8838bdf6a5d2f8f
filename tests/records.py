"""Records of 文锦渡 the API cannot make (rectifications, overrides, export certificates, supervision applications,
petitions, downgrades, spot checks), made through the services and factories for the permission matrix: the
operations on them are then refused or let through for who the caller is, on a record that exists. Then the records
only pages open (`page_records`), so that a page's row is read on a record too."""

import datetime as dt
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from guomen.accounts.choices import Role

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_records(world, users: dict, task, make_user) -> dict[str, dict]:
    """Per API collection, the record the matrix acts on ({"id": ..., "number": ...})."""
    from guomen.certificates.services import certificates_issue_for_declaration
    from guomen.certificates.tests.conftest import released_export
    from guomen.clearance.models import ReleaseOverride
    from guomen.inspections.services.rectifications import rectification_create
    from guomen.registry.tests.factories import EnterpriseFactory
    from guomen.supervision import services as supervision
    from guomen.supervision.models import CreditDowngrade
    from guomen.supervision.tests.factories import BlacklistEntryFactory, CreditEventFactory, PlanFactory

    wjd, enterprise = world["WJD"], world["enterprise"]
    # another supervisor of 文锦渡 asks, issues and proposes: the matrix's supervisor is then a second pair of eyes
    supervisor = make_user(Role.SUPERVISOR, wjd, username="matrix_colleague")
    out: dict[str, dict] = {}
    due = timezone.localdate() + dt.timedelta(days=14)
    rect = rectification_create(
        enterprise=enterprise, subject="标签整改", due_date=due, actor=supervisor, task=task
    )
    out["/api/v1/inspections/rectifications"] = {"id": rect.pk}
    override = ReleaseOverride.objects.create(
        task=task,
        declaration=task.declaration,
        port=task.port,
        disposition="release",
        rules=[],
        reason="港口拥堵，货物易腐",
        requested_by=supervisor,
    )
    out["/api/v1/clearance/overrides"] = {"id": override.pk}
    export = released_export(wjd, enterprise)
    certificate = certificates_issue_for_declaration(declaration=export, actor=supervisor)[0]
    out["/api/v1/exports/declarations"] = {"number": export.number, "id": export.pk}
    out["/api/v1/exports/certificates"] = {"number": certificate.number, "id": certificate.pk}
    applicant = EnterpriseFactory(org=wjd, name_zh="深圳市申请备案有限公司", filing_status="pending")
    application = supervision.application_submit(
        enterprise=applicant,
        statement="申请备案",
        actor=make_user(Role.ENTERPRISE, None, enterprise=applicant, username="matrix_applicant"),
    )
    out["/api/v1/supervision/applications"] = {"id": application.pk}
    listed = EnterpriseFactory(org=wjd, name_zh="深圳市失信企业有限公司")
    entry = BlacklistEntryFactory(enterprise=listed)
    petition = supervision.petition_submit(
        entry=entry,
        root_cause="内部审核缺失导致证单伪造",
        corrective_actions="建立双人复核制度并培训全体员工",
        actor=make_user(Role.ENTERPRISE, None, enterprise=listed, username="matrix_listed"),
    )
    out["/api/v1/supervision/petitions"] = {"id": petition.pk}
    downgrade = CreditDowngrade.objects.create(
        enterprise=EnterpriseFactory(org=wjd, name_zh="深圳市降级企业有限公司"),
        from_grade="C",
        score=40,
        proposed_by=supervisor,
    )
    out["/api/v1/supervision/downgrades"] = {"id": downgrade.pk}
    event = CreditEventFactory(enterprise=enterprise, recorded_by=supervisor)
    out["/api/v1/supervision/credit-events"] = {"id": event.pk, "enterprise_id": enterprise.pk}
    plan = supervision.plan_draw(plan=PlanFactory(org=wjd, sample_count=1), seed=8, actor=users["supervisor"])
    check = plan.tasks.first()
    if check is not None:
        out["/api/v1/supervision/checks"] = {"id": check.pk}
    event.evidence_file.save("evidence.pdf", ContentFile(PDF))
    return out


def page_records(world, users: dict, task, export) -> dict[str, dict]:
    """Records only pages open, under keys that name no API collection (the operations keep their own records),
    made after the API's (so the records an operation or a page finds by a placeholder id stay the API's): a
    hazard, an import requirement, a risk model, a photo of the task, a rectification answered with a file, an
    export batch and a loading photo of the enterprise, a trace-back task and an emergency task for the inspector,
    an ePhyto certificate of the declaration."""
    from guomen.catalog.models import Country
    from guomen.catalog.tests.factories import HazardFactory, ImportRequirementFactory
    from guomen.declarations.ephyto import ephyto_import
    from guomen.emergency import services as emergency
    from guomen.exports.models import LoadingPhoto, LoadingRecord
    from guomen.exports.tests.factories import make_batch, make_site
    from guomen.inspections.services.photos import photo_upload
    from guomen.inspections.services.rectifications import rectification_answer, rectification_create
    from guomen.inspections.tests.factories import jpeg_with_exif
    from guomen.targeting.models import RiskModel
    from guomen.tracebacks import services as tracebacks

    wjd, enterprise, today = world["WJD"], world["enterprise"], timezone.localdate()
    out: dict[str, dict] = {
        "page catalog hazard": {"id": HazardFactory().pk},
        "page catalog requirement": {
            "id": ImportRequirementFactory(hs=world["valve"], origin=Country.objects.get(code="VN")).pk
        },
        "page targeting model": {
            "id": RiskModel.objects.create(
                name="matrix-model",
                file="matrix.txt",
                sha256="0" * 64,
                meta={"features": [], "categorical": []},
            ).pk
        },
    }
    photo = photo_upload(task=task, data=jpeg_with_exif((40, 30)), actor=users["inspector"])
    out["page inspection photo"] = {"id": photo.pk}
    rect = rectification_create(
        enterprise=enterprise, subject="温控记录", due_date=today, actor=users["supervisor"], task=task
    )
    rectification_answer(
        request=rect, answer="已补记录", actor=world["enterprise_user"], files=[("记录.pdf", PDF)]
    )
    out["page rectification file"] = {"id": rect.pk, "file": rect.answers.get().files.get().pk}
    batch = make_batch(make_site(enterprise, number="SZCK-MATRIX", org=wjd), number="PCMATRIX0001")
    out["page export batch"] = {"number": batch.number}
    loading = LoadingRecord.objects.create(
        declaration=export,
        container_number="CSQU3054383",
        seal_number="S1",
        loaded_at=timezone.now(),
        inspector=users["inspector"],
    )
    loading_photo = LoadingPhoto(loading=loading, size_bytes=1)
    loading_photo.image.save("loading.jpg", ContentFile(jpeg_with_exif((40, 30))), save=False)
    loading_photo.width, loading_photo.height = 40, 30
    loading_photo.save()
    out["page loading photo"] = {"id": loading_photo.pk}
    notification = tracebacks.notification_enter(
        reference="CFS-MATRIX",
        authority="香港食物安全中心",
        notified_on=today,
        subject="菜心农药残留超标",
        numbers=export.number,
        actor=users["risk_analyst"],
    )
    case = tracebacks.match_confirm(
        notification=notification,
        candidate=notification.candidates.get(enterprise=enterprise),
        actor=users["risk_analyst"],
    )
    trace_task = tracebacks.case_task_add(
        case=case,
        title="核查用药记录",
        due_date=today,
        assignee=users["inspector"],
        actor=users["supervisor"],
    )
    out["page traceback task"] = {"id": trace_task.pk}
    plan = emergency.plan_save(
        org=wjd,
        kind="food_safety",
        title="口岸食品安全应急预案",
        contacts="值班室",
        revised_on=today,
        actor=users["supervisor"],
    )
    activation = emergency.plan_activate(plan=plan, situation="疑似食物中毒", actor=users["supervisor"])
    emergency_task = emergency.task_add(
        activation=activation,
        title="封存货物",
        assignee=users["inspector"],
        due_on=today,
        actor=users["supervisor"],
    )
    out["page emergency task"] = {"id": emergency_task.pk, "activation": activation.pk}
    ephyto = Path(__file__).parents[1] / "src/guomen/declarations/tests/data/ephyto-SPSCertificateContent.xml"
    report = ephyto_import(
        data=ephyto.read_bytes(), actor=users["supervisor"], declaration_number=task.declaration.number
    )
    out["page ephyto certificate"] = {"id": report.certificate.pk}
    return out
