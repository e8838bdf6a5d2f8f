"""Offline photos: a pest photo taken without signal is kept on the phone, shown on the queue screen,
uploaded once when the signal returns (even when the first answer is lost) and attached to its finding."""

import io

import pytest
from PIL import Image

from guomen.accounts.choices import Role
from guomen.inspections.models import InspectionPhoto, InspectionTask
from guomen.inspections.tests.factories import closed_by_colleague

from ._phone_data import durian_requirement, durian_task
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def small_jpeg() -> bytes:
    """A small photo made here: a white mealybug-like blob on a green durian skin."""
    image = Image.new("RGB", (320, 240), (70, 120, 40))
    for x in range(140, 180):
        for y in range(100, 130):
            image.putpixel((x, y), (240, 240, 235))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def lose_answers(phone, uploads, lose):
    """While lose[0] is true, a photo upload reaches the server but its answer never reaches the phone."""

    def handle(route):
        uploads.append(route.request.headers.get("idempotency-key"))
        if lose[0]:
            route.fetch()  # the server stores the photo...
            route.abort()  # ...and the phone sees the connection drop
        else:
            route.continue_()

    phone.route("**/inspections/tasks/*/photos/", handle)


def test_photo_taken_offline_is_uploaded_once_and_attached(phone, orgs, inspector, screenshot):
    durian_requirement()
    task = durian_task(orgs["WJD"])

    login(phone, "inspector_wjd")
    phone.goto("/inspections/my_tasks/")
    phone.locator("html[data-gm-sw=ready]").wait_for(state="attached")  # no eval under the CSP
    phone.locator("html[data-gm-cached='1']").wait_for(state="attached")

    # No signal: the pest finding gets a photo, kept on the phone
    phone.context.set_offline(True)
    phone.goto(f"/inspections/tasks/{task.pk}/")
    phone.locator('label[for="c-pest.PLANLI-non_conform"]').click()
    row = phone.get_by_test_id("finding-row").first
    assert row.get_by_test_id("finding-hazard").input_value() == "PLANLI"
    row.get_by_test_id("finding-count").fill("3")
    row.get_by_test_id("finding-photo").set_input_files(
        {"name": "mealybug.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg()}
    )
    row.get_by_test_id("finding-thumb-kept").wait_for()
    assert "等待上传" in row.get_by_test_id("finding-thumbs").inner_text()

    # The result is queued too; the queue screen shows the photo waiting
    phone.get_by_test_id("outcome-non_conforming").check()
    phone.select_option("select[name=proposed_disposition]", "return")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("queued-offline").wait_for()
    phone.get_by_test_id("queued-photo").wait_for()
    assert "1 张照片" in phone.get_by_test_id("photo-queue-count").inner_text()
    queued = phone.get_by_test_id("queued-photo")
    assert queued.count() == 1 and queued.get_attribute("data-state") == "pending"
    assert "等待上传" in queued.inner_text() and task.declaration.number in queued.inner_text()
    assert phone.evaluate("document.querySelector('[data-testid=queued-photo] img').naturalWidth") == 320
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "phone-8-offline-photo-queue")
    assert not InspectionPhoto.objects.exists()

    # Signal returns, but the answers to the photo upload are lost: the photo stays queued (stored
    # once on the server however often it is sent) and the result waits for it
    uploads, lose = [], [True]
    lose_answers(phone, uploads, lose)
    phone.context.set_offline(False)
    phone.evaluate("window.gmSync()")
    phone.evaluate("window.gmSync()")
    assert len(uploads) >= 2 and len(set(uploads)) == 1
    assert InspectionPhoto.objects.filter(task=task).count() == 1
    assert InspectionTask.objects.get(pk=task.pk).status == "open"
    assert phone.get_by_test_id("queued-photo").get_attribute("data-state") == "pending"

    # The answers get through: the photo is sent again with the same key, then the result
    lose[0] = False
    with phone.expect_navigation():
        phone.evaluate("window.gmSync()")
    assert len(set(uploads)) == 1
    phone.get_by_test_id("result-summary").wait_for()
    assert phone.get_by_test_id("finding-photo-shown").count() == 1
    assert phone.get_by_test_id("photo-queue").is_hidden()
    task = InspectionTask.objects.get(pk=task.pk)
    assert task.status == "awaiting_confirmation"
    [photo] = InspectionPhoto.objects.filter(task=task)
    assert photo.finding is not None and photo.finding.hazard.code == "PLANLI"

    # Another sync (a retry) sends nothing and adds nothing
    sent = len(uploads)
    phone.evaluate("window.gmSync()")
    assert len(uploads) == sent
    assert InspectionPhoto.objects.filter(task=task).count() == 1
    assert InspectionTask.objects.get(pk=task.pk).findings.count() == 1


def photo_offline(phone, task, buffer, disposition):
    """Open a task without signal, record a pest finding with a photo and the result: both kept."""
    phone.goto(f"/inspections/tasks/{task.pk}/")
    phone.locator('label[for="c-pest.PLANLI-non_conform"]').click()
    row = phone.get_by_test_id("finding-row").first
    row.get_by_test_id("finding-photo").set_input_files(
        {"name": "pest.jpg", "mimeType": "image/jpeg", "buffer": buffer}
    )
    row.get_by_test_id("finding-thumb-kept").wait_for()
    phone.get_by_test_id("outcome-non_conforming").check()
    phone.select_option("select[name=proposed_disposition]", disposition)
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("queued-offline").wait_for()


def test_closed_task_photo_is_a_visible_conflict_and_a_refused_photo_stays_with_its_reason(
    phone, orgs, inspector, supervisor, make_user, screenshot
):
    durian_requirement()
    contested = durian_task(orgs["WJD"])
    mine = durian_task(orgs["WJD"])

    login(phone, "inspector_wjd")
    phone.goto("/inspections/my_tasks/")
    phone.locator("html[data-gm-sw=ready]").wait_for(state="attached")  # no eval under the CSP
    phone.locator("html[data-gm-cached='2']").wait_for(state="attached")

    phone.context.set_offline(True)
    photo_offline(phone, contested, small_jpeg(), "return")
    photo_offline(phone, mine, b"this is not a photo at all", "destroy")  # looks like a JPEG to the phone
    phone.goto("/inspections/my_tasks/")
    phone.get_by_test_id("queued-photo").nth(1).wait_for()
    assert "2 张照片" in phone.get_by_test_id("photo-queue-count").inner_text()

    # Meanwhile a colleague records the contested task and the supervisor closes it
    colleague = make_user(Role.INSPECTOR, orgs["WJD"], username="colleague_wjd")
    closed_by_colleague(InspectionTask.objects.get(pk=contested.pk), colleague, supervisor)

    phone.context.set_offline(False)
    phone.evaluate("window.gmSync()")

    # The photo of the closed task comes back as a conflict naming who closed it; nothing stored
    conflict = phone.locator("[data-testid=queued-photo][data-state=conflict]")
    assert "照片未保存" in conflict.inner_text() and "supervisor_sz" in conflict.inner_text()
    assert not InspectionPhoto.objects.filter(task=contested).exists()
    # The refused photo stays on the phone with the server's reason; its result waits for it
    failed = phone.locator("[data-testid=queued-photo][data-state=failed]")
    assert "该文件不是照片" in failed.get_by_test_id("queued-photo-reason").inner_text()
    assert mine.declaration.number in phone.get_by_test_id("sync-queue").inner_text()
    assert "未上传的照片" in phone.get_by_test_id("sync-queue").inner_text()
    assert InspectionTask.objects.get(pk=mine.pk).status == "open"
    screenshot(phone, "phone-9-photo-conflict")

    # The inspector gives up the refused photo: the result is sent without it
    phone.on("dialog", lambda dialog: dialog.accept())
    failed.get_by_role("button", name="放弃照片").click()
    phone.locator("[data-testid=sync-outcome][data-status=recorded]").wait_for()
    assert InspectionTask.objects.get(pk=mine.pk).status == "awaiting_confirmation"
    assert not InspectionPhoto.objects.filter(task=mine).exists()
    # The conflict stays visible until it is dismissed
    assert conflict.count() == 1
    conflict.get_by_role("button", name="知道了").click()
    conflict.wait_for(state="detached")
    assert phone.get_by_test_id("photo-queue").is_hidden()


def test_the_phone_keeps_at_most_50_photos_and_says_so(phone, orgs, inspector):
    durian_requirement()
    task = durian_task(orgs["WJD"])
    login(phone, "inspector_wjd")
    phone.goto(f"/inspections/tasks/{task.pk}/")
    phone.context.set_offline(True)
    phone.evaluate(
        """async (task) => {
            for (let i = 0; i < 50; i++) {
                const file = new File([new Uint8Array([255, 216, 255, i])], "p.jpg", {type: "image/jpeg"});
                await window.gmPhotos.add(file, {task_id: task, label: "WJD"});
            }
        }""",
        task.pk,
    )
    row = phone.get_by_test_id("finding-row").first
    row.get_by_test_id("finding-photo").set_input_files(
        {"name": "one-more.jpg", "mimeType": "image/jpeg", "buffer": small_jpeg()}
    )
    status = row.locator("[data-gm-photo-status]")
    row.locator("[data-gm-photo-status]", has_text="50").wait_for()
    assert "已达上限" in status.inner_text()
    assert row.get_by_test_id("finding-thumb-kept").count() == 0
    assert phone.evaluate("window.gmPhotos.all().then(rows => rows.length)") == 50


def test_a_result_naming_a_photo_the_phone_lost_is_sent_without_it(phone, orgs, inspector):
    task = durian_task(orgs["WJD"])
    login(phone, "inspector_wjd")
    phone.goto("/inspections/my_tasks/")
    item = {
        "key": "result-1",
        "task_id": task.pk,
        "outcome": "non_conforming",
        "proposed_disposition": "return",
        "label": task.declaration.number,
        "findings": [
            {"description": "活体粉蚧", "photo_ids": [], "photo_keys": ["photo-cleared-from-phone"]}
        ],
    }
    phone.evaluate(
        "([key, item]) => localStorage.setItem(key, JSON.stringify([item]))",
        [f"gm-queue-{inspector.pk}", item],
    )
    phone.evaluate("window.gmSync()")
    phone.locator("[data-testid=sync-outcome][data-status=recorded]").wait_for()
    assert InspectionTask.objects.get(pk=task.pk).findings.get().description == "活体粉蚧"
    assert phone.get_by_test_id("sync-queue").is_hidden()
