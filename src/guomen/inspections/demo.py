"""Demo follow-up items: rectification requests at 文锦渡 after recent non-conforming inspections,
one of them for the demo enterprise and one already overdue (reminded), so the board has content."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.models import User

from .models import InspectionTask, RectificationRequest
from .services import followup_flag_overdue, rectification_create

SUBJECTS = (
    ("包装箱未标注果园注册号", "请提交整改后的包装箱标识照片及供货果园注册信息。"),
    ("植物检疫证书与申报重量不符", "请说明差异原因并提交更正后的证书或申报。"),
    ("冷链温度记录不完整", "请补充运输全程温度记录，并说明缺失时段的原因。"),
)


def seed_demo(bureau, rng) -> dict:
    inspector = User.objects.get(pk=bureau.user_ids["inspector_wjd"])
    enterprise_user = User.objects.filter(pk=bureau.user_ids.get("enterprise_demo")).first()
    today = timezone.localdate()
    recent = list(
        InspectionTask.objects.filter(port__code="WJD", status="closed", outcome="non_conforming")
        .select_related("port", "declaration__declarant")
        .order_by("-id")[:2]
    )
    made = []
    for (subject, details), task in zip(SUBJECTS, recent, strict=False):
        made.append(
            rectification_create(
                task=task,
                enterprise=task.declaration.declarant,
                subject=subject,
                details=details,
                due_date=today + dt.timedelta(days=rng.randint(3, 10)),
                actor=inspector,
            )
        )
    if enterprise_user is not None and enterprise_user.enterprise_id:
        subject, details = SUBJECTS[2]
        made.append(
            rectification_create(
                enterprise=enterprise_user.enterprise,
                org=inspector.org,
                subject=subject,
                details=details,
                due_date=today,
                actor=inspector,
            )
        )
        RectificationRequest.objects.filter(pk=made[-1].pk).update(due_date=today - dt.timedelta(days=2))
    followup_flag_overdue(today=today)
    return {"rectification_requests": len(made)}
