"""Demo of the enterprise's side of credit: a violation put right through a rectification answered with a photo
and a PDF and accepted (the credit given back shows on the credit page), and one open for the demo enterprise."""

import datetime as dt
import io

from django.utils import timezone
from PIL import Image, ImageDraw

from guomen.accounts.models import User
from guomen.inspections.models import InspectionTask
from guomen.inspections.services import rectification_answer, rectification_close, rectification_create

from . import services

# A one-page PDF (ASCII text): small, valid, opened by any reader.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 62>>stream\nBT /F1 18 Tf 60 760 Td (Cold chain temperature log 2-8 C) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _photo() -> bytes:
    image = Image.new("RGB", (640, 480), (235, 240, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 80, 580, 400), outline=(30, 90, 160), width=6)
    draw.text((90, 120), "LABEL: ORCHARD REG. NO. GAP-TH-0001", fill=(20, 20, 20))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _task_of(enterprise, org):
    """The enterprise's latest closed inspection at a port of `org` (the unit whose officers ask)."""
    return (
        InspectionTask.objects.filter(
            declaration__declarant=enterprise, status="closed", port__path__startswith=org.path
        )
        .select_related("port", "declaration")
        .order_by("-id")
        .first()
    )


def _covers(user, task) -> bool:
    return task.port.path.startswith(user.org.path)


def seed_rectifications(*, demo_firm, other, supervisor, inspector, today=None) -> int:
    today = today or timezone.localdate()
    made = 0
    other_user = User.objects.filter(role="enterprise", enterprise=other, is_active=True).first()
    if other_user is None:
        from guomen.accounts.services import user_create
        from guomen.demo import reference

        other_user = user_create(
            username="enterprise_sz2",
            password=reference.DEMO_PASSWORD,
            role="enterprise",
            enterprise=other,
            display_name="孙悦（质量负责人）",
            email=f"quality@e{other.pk}.example.cn",
            actor=supervisor,
        )
    task = _task_of(other, supervisor.org)
    if other_user is not None and task is not None:
        violation = services.credit_event_record(
            enterprise=other,
            kind="violation",
            severity="general",
            occurred_on=today - dt.timedelta(days=35),
            description="包装箱未标注果园注册号",
            evidence=f"深关监〔{today.year}〕221号",
            actor=supervisor,
        )
        item = rectification_create(
            task=task,
            enterprise=other,
            subject="包装箱未标注果园注册号",
            violation=violation,
            details="请提交整改后的包装箱标识照片及供货果园注册信息。",
            due_date=today + dt.timedelta(days=5),
            actor=supervisor,
        )
        rectification_answer(
            request=item,
            answer="已重新印制纸箱标识，附照片和果园注册证明。",
            actor=other_user,
            files=[("纸箱标识.jpg", _photo()), ("果园注册证明.pdf", PDF)],
        )
        rectification_close(request=item, reason="标识已整改，材料齐全", actor=supervisor)
        made += 1
    demo_task = _task_of(demo_firm, supervisor.org)
    if demo_task is not None:
        violation = services.credit_event_record(
            enterprise=demo_firm,
            kind="violation",
            severity="general",
            occurred_on=today - dt.timedelta(days=12),
            description="冷链运输温度记录不完整",
            evidence=f"深关监〔{today.year}〕240号",
            actor=supervisor,
        )
        rectification_create(
            task=demo_task,
            enterprise=demo_firm,
            subject="冷链温度记录不完整",
            violation=violation,
            details="请补充运输全程温度记录（照片、PDF 或表格），并说明缺失时段的原因。",
            due_date=today + dt.timedelta(days=7),
            actor=supervisor,
            owner=inspector if _covers(inspector, demo_task) else None,
        )
        made += 1
    return made


SERVICES = [
    ("quality_meeting", "进口冷链食品企业质量分析会", 6, "文锦渡局三楼会议室", "陈刚、张伟",
     "通报近三个月冷链食品查验不合格情况；温度记录完整性；境外通报（RASFF）涉及品种的风险提示", (3, 2, 1)),
    ("training", "RCEP 原产地规则与报检规范培训", 15, "深圳局培训中心", "王芳",
     "原产地证书核验要点；电子报检常见退单原因；整改材料的提交（照片、PDF、表格）", (2, 4, 2)),
    ("one_policy", "“一企一策”帮扶：榴莲进口企业冷链温控", 40, "企业仓库现场", "张伟",
     "冷库温度探头布设与记录导出；不合格货物处置流程", (1,)),
]  # fmt: skip


def seed_services(*, firms, supervisor, today=None) -> int:
    """Meetings, training and a one-enterprise policy for the demo enterprise and its neighbours."""
    today = today or timezone.localdate()
    made = 0
    for kind, title, days, place, hosts, topics, counts in SERVICES:
        attendance = [(firm, n, "") for firm, n in zip(firms, counts, strict=False)]
        services.enterprise_service_record(
            kind=kind,
            title=title,
            held_on=today - dt.timedelta(days=days),
            topics=topics,
            place=place,
            hosts=hosts,
            attendance=attendance,
            actor=supervisor,
        )
        made += 1
    return made
