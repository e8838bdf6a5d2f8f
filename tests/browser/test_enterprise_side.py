"""The enterprise's side as people click it: the enterprise answers a rectification with a photo and a PDF, the
inspector accepts, the credit page shows the restoring event and the recomputed grade; the enterprise's
administrator invites a declarant and creates a key, and the key declares for that enterprise only."""

import datetime as dt
import io
import json

import pytest
from django.utils import timezone
from PIL import Image

from guomen.accounts.choices import Role
from guomen.declarations.tests.conftest import world  # noqa: F401  (the declaration fixture)
from guomen.declarations.tests.factories import submission
from guomen.inspections.services import rectification_create
from guomen.inspections.tests.factories import open_task
from guomen.supervision.services import credit_event_record

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _files(tmp_path):
    photo, pdf = tmp_path / "冷库温度.jpg", tmp_path / "温度记录.pdf"
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (40, 120, 200)).save(buf, "JPEG")
    photo.write_bytes(buf.getvalue())
    pdf.write_bytes(PDF)
    return [str(photo), str(pdf)]


def test_answer_with_photo_and_pdf_accept_and_see_the_credit(
    orgs, inspector, supervisor, make_user, phone, desk, tmp_path, settings, screenshot
):
    settings.MEDIA_ROOT = tmp_path / "media"
    task = open_task(orgs["WJD"])
    firm = task.declaration.declarant
    make_user(Role.ENTERPRISE, enterprise=firm, username="firm_quality", enterprise_role="quality")
    violation = credit_event_record(
        enterprise=firm, kind="violation", severity="grave", occurred_on=timezone.localdate() - dt.timedelta(days=5),
        description="冷链温度记录缺失", evidence="深关监〔2026〕9号", actor=supervisor,
    )  # fmt: skip
    item = rectification_create(
        task=task, enterprise=firm, subject="冷链温度记录不完整", details="请补充运输全程温度记录",
        due_date=timezone.localdate() + dt.timedelta(days=7), actor=inspector, violation=violation,
    )  # fmt: skip

    login(phone, "firm_quality")
    phone.goto(f"/inspections/rectifications/{item.pk}/")
    assert phone.inner_text("[data-testid=rectification-consignment]") == task.declaration.number
    phone.fill("[data-testid=rectification-answer-input]", "已补充全程温度记录，附冷库照片和记录表")
    phone.set_input_files("[data-testid=rectification-files]", _files(tmp_path))
    with phone.expect_navigation():
        phone.click("[data-testid=rectification-answer-submit]")
    assert phone.locator("[data-testid=rectification-file]").all_inner_texts() == [
        "冷库温度.jpg",
        "温度记录.pdf",
    ]

    login(desk, "inspector_wjd")
    desk.goto(f"/inspections/rectifications/{item.pk}/")
    desk.fill("#r-reason", "材料齐全，整改通过")
    with desk.expect_navigation():
        desk.click("[data-testid=rectification-close]")
    assert "整改通过" in desk.inner_text("[data-testid=rectification-rounds]")

    phone.goto("/supervision/my/credit/")
    screenshot(phone, "enterprise-credit-explained")
    assert phone.inner_text("[data-testid=credit-grade]") == "B"  # 100 − 30 + 15 = 85
    assert phone.inner_text("[data-testid=credit-score]") == "85"
    points = phone.locator("[data-testid=credit-event-points]").all_inner_texts()
    assert points == ["+15", "-30"]
    assert phone.locator("[data-testid=credit-event-record]").count() == 1


def test_administrator_invites_a_declarant_and_its_key_declares_for_it_only(world, desk, screenshot):  # noqa: F811
    login(desk, "ent_user")
    desk.goto("/accounts/enterprise-users/")
    desk.fill("#i-username", "zhao_declarant")
    desk.fill("#i-name", "赵磊")
    desk.fill("#i-email", "zhao@firm.example.cn")
    desk.select_option("#i-role", "declarant")
    with desk.expect_navigation():
        desk.click("[data-testid=invite-submit]")
    assert "/accounts/invite/" in desk.inner_text("[data-testid=invite-link]")
    desk.fill("[data-testid=key-form] input[name=name]", "ERP")
    with desk.expect_navigation():
        desk.click("[data-testid=key-create]")
    raw = desk.inner_text("[data-testid=new-key]").strip()
    screenshot(desk, "enterprise-users")
    assert "赵磊" in desk.inner_text("[data-testid=enterprise-users]")

    body = submission(world)
    body["port"] = body.pop("port_code")
    body["arrival_date"] = body["arrival_date"].isoformat()
    headers = {"X-API-Key": raw, "Content-Type": "application/json"}
    own = desk.request.post("/api/v1/declarations", data=json.dumps(body), headers=headers)
    assert own.status == 201
    other = dict(body, declarant_uscc=world["other_enterprise"].uscc)
    refused = desk.request.post("/api/v1/declarations", data=json.dumps(other), headers=headers)
    assert refused.status == 422 and "declarant_uscc" in refused.json()["fields"]
