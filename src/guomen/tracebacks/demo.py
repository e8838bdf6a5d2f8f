"""Demo trace-backs at 深圳局: China-origin RASFF notifications already in the queue (the risk demo imports the
shared file), two of them confirmed against demo exporters; notifications from Hong Kong's Centre for Food Safety
about vegetables exported through 文锦渡 — one traced, investigated, rectified by the exporter and closed, one under
investigation, one naming a firm the bureau does not know (unmatched, still listed)."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.catalog.models import CommodityGroup, Country
from guomen.core.permissions import org_in_scope
from guomen.declarations.models import Declaration
from guomen.inspections.services import rectification_answer, rectification_close

from . import services
from .choices import NotificationStatus
from .models import TraceNotification

EXPORTER_USER = "exporter2_demo"


def _exporter_user(enterprise, bureau) -> User:
    from guomen.accounts.services import user_create
    from guomen.demo.reference import DEMO_PASSWORD

    user = User.objects.filter(username=EXPORTER_USER).first()
    if user is None:
        user = user_create(
            username=EXPORTER_USER,
            password=DEMO_PASSWORD,
            role=Role.ENTERPRISE,
            org=None,
            enterprise=enterprise,
            display_name="孙丽（出口企业质量负责人）",
            actor=bureau.admin,
        )
        bureau.users.append(
            {
                "username": EXPORTER_USER,
                "password": DEMO_PASSWORD,
                "role": str(Role.ENTERPRISE),
                "org": enterprise.uscc,
                "display_name": user.display_name,
            }
        )
    return user


def _confirm_top(notification, analyst):
    candidate = (
        notification.candidates.select_related("org").filter(org__path__startswith=analyst.org.path).first()
    )
    if candidate is None:
        return None
    return services.match_confirm(
        notification=notification, candidate=candidate, actor=analyst, reason="证据一致"
    )


def _assignee(case, inspector):
    """The demo inspector when the case is in his port, else an inspector of the case's unit (or none)."""
    if org_in_scope(inspector, case.org):
        return inspector
    return (
        User.objects.filter(role=Role.INSPECTOR, org__path__startswith=case.org.path, is_active=True)
        .order_by("username")
        .first()
    )


def seed_demo(bureau, rng) -> dict:
    analyst = User.objects.filter(username="analyst_sz").first()
    supervisor = User.objects.filter(username="supervisor_sz").first()
    inspector = User.objects.filter(username="inspector_wjd").first()
    if not (analyst and supervisor and inspector):
        return {}
    services.intake_foreign()  # anything imported before this app was installed
    counts = {"traceback_notifications": TraceNotification.objects.count()}
    rasff = TraceNotification.objects.filter(
        source="rasff", status=NotificationStatus.PENDING, candidates__org__path__startswith="/GACC/SZ/"
    ).distinct()
    cases = [c for c in (_confirm_top(n, analyst) for n in rasff.order_by("-notified_on")[:2]) if c]
    today = timezone.localdate()
    exports = Declaration.objects.filter(
        direction="export", port__code="WJD", arrival_date__lte=today - dt.timedelta(days=12)
    ).select_related("declarant")
    recent = exports.order_by("-arrival_date", "-id").first()
    if recent is None:
        counts["traceback_cases"] = len(cases)
        return counts
    exporter = recent.declarant
    vegetables = CommodityGroup.objects.filter(pk="vegetables").first()
    tableware = CommodityGroup.objects.filter(pk="food_contact").first()
    hk = Country.objects.filter(pk="HK").first()
    entered = []
    for i, (days, product, hazard, numbers, operator) in enumerate(
        [
            (4, "菜心 Choy sum", "氧乐果残留 0.05 mg/kg 超标", recent.number, exporter.name_zh),
            (9, "生菜 Head lettuce", "毒死蜱残留超标", "", exporter.name_zh),
            (6, "密胺餐具 Melamine tableware", "甲醛迁移量超标", "", "深圳市某未备案贸易行"),
        ]
    ):
        entered.append(
            services.notification_enter(
                reference=f"CFS-{today:%Y}-{today:%m}{i + 1:02d}",
                authority="香港食物安全中心 Centre for Food Safety",
                notifying_country=hk,
                notified_on=today - dt.timedelta(days=days),
                subject=f"{product} 样本{hazard}",
                product=product,
                operator=operator,
                hazards_text=hazard,
                commodity_group=vegetables if i < 2 else tableware,
                numbers=numbers,
                actor=analyst,
            )
        )
    closed = _confirm_top(entered[0], analyst)
    if closed is not None:
        cases.append(closed)
        task = services.case_task_add(
            case=closed,
            title="核查种植基地用药记录及留样",
            due_date=today,
            assignee=_assignee(closed, inspector),
            actor=supervisor,
        )
        services.case_task_done(
            task=task, result="基地在安全间隔期内采收，用药记录与留样不符", actor=task.assignee or supervisor
        )
        closed = services.case_findings(
            case=closed,
            findings="种植基地未严格执行农药安全间隔期，出货前自检漏检氧乐果",
            cause="exporter",
            severity="general",
            rectify=True,
            subject="完善基地用药管理和出货前农残自检",
            due_date=today + dt.timedelta(days=10),
            actor=supervisor,
        )
        user = _exporter_user(exporter, bureau)
        request = closed.rectification
        rectification_answer(
            request=request, answer="已停用违规农药，补充出货前快检并培训基地人员", actor=user
        )
        request.refresh_from_db()
        rectification_close(request=request, actor=supervisor, reason="现场核查整改到位")
        closed.refresh_from_db()
        services.case_close(
            case=closed,
            report="经追踪调查，境外通报问题属实，原因为基地未执行安全间隔期；企业已整改并经现场核查，结案。",
            actor=supervisor,
        )
    open_case = _confirm_top(entered[1], analyst)
    if open_case is not None:
        cases.append(open_case)
        services.case_task_add(
            case=open_case,
            title="调取出口批次检验记录",
            due_date=today + dt.timedelta(days=5),
            assignee=_assignee(open_case, inspector),
            actor=supervisor,
        )
    counts["traceback_cases"] = len(cases)
    return counts
