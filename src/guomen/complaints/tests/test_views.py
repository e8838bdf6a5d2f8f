import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.complaints.choices import ComplaintStatus
from guomen.complaints.models import Complaint

from .factories import complaint_data, image_bytes, make_overdue, submit

pytestmark = pytest.mark.django_db


def test_the_public_form_needs_no_login(client, orgs):
    response = client.get(reverse("complaints:submit"))
    assert response.status_code == 200
    assert "12365" in response.content.decode()


def test_a_submission_redirects_to_the_tracking_page_showing_the_code(client, orgs):
    data = {**complaint_data(), "org": orgs["SZ"].pk}
    response = client.post(reverse("complaints:submit"), data, follow=True)
    complaint = Complaint.objects.get()
    page = response.content.decode()
    assert complaint.tracking_code in page and 'data-testid="tracking-code"' in page
    assert complaint.org == orgs["SZ"]


def test_a_rejected_submission_says_why_and_keeps_what_was_typed(client, orgs):
    bad_photo = SimpleUploadedFile("photo.jpg", b"not really a jpeg", content_type="image/jpeg")
    data = {**complaint_data(description="榴莲发霉了，家人吃后不舒服。"), "photos": [bad_photo]}
    response = client.post(reverse("complaints:submit"), data)
    page = response.content.decode()
    assert response.status_code == 422
    assert "not a picture" in page or "无法打开" in page
    assert "榴莲发霉了，家人吃后不舒服。" in page and "13800138000" in page
    assert not Complaint.objects.exists()


@override_settings(GUOMEN_RATE_LIMITS={"complaint_submit": (2, 3600)})
def test_submissions_are_rate_limited_per_client_and_the_text_is_kept(client, orgs):
    for _i in range(2):
        client.post(reverse("complaints:submit"), complaint_data())
    response = client.post(reverse("complaints:submit"), complaint_data(product="第三次的产品"))
    assert response.status_code == 429
    assert "第三次的产品" in response.content.decode()
    assert Complaint.objects.count() == 2
    other = client.post(reverse("complaints:submit"), complaint_data(), REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 302


def test_a_photo_is_accepted_with_the_form(client, orgs):
    photo = SimpleUploadedFile("p.png", image_bytes("PNG"), content_type="image/png")
    client.post(reverse("complaints:submit"), {**complaint_data(), "photos": [photo]})
    assert Complaint.objects.get().photos.count() == 1


def test_a_filled_honeypot_field_is_refused(client, orgs):
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "website": "http://spam"})
    assert response.status_code == 422 and not Complaint.objects.exists()


@override_settings(GUOMEN_RATE_LIMITS={"complaint_track": (3, 600)})
def test_guessing_tracking_codes_is_rate_limited(client, orgs):
    real = submit(org=orgs["SZ"])
    for _i in range(3):
        assert client.get(reverse("complaints:track_detail", args=["TSAAAAAAAAAA"])).status_code == 404
    response = client.get(reverse("complaints:track_detail", args=[real.tracking_code]))
    assert response.status_code == 429


def test_the_tracking_page_shows_no_contact_details(client, orgs):
    complaint = submit(org=orgs["SZ"])
    page = client.get(reverse("complaints:track_detail", args=[complaint.tracking_code])).content.decode()
    assert "王小明" not in page and "13800138000" not in page and "wang@example.com" not in page


STAFF_PAGES = ["complaints:list", "complaints:detail"]


def _url(name, complaint):
    return reverse(name, args=[complaint.pk]) if name.endswith("detail") else reverse(name)


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_require_login(client, orgs, name):
    response = client.get(_url(name, submit(org=orgs["SZ"])))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("supervisor", 200),
        ("inspector_wjd_scope", 404),
        ("other_inspector", 404),
        ("enterprise", 403),
        ("lab", 403),
    ],
)
def test_the_complaint_page_permission_matrix(
    client, orgs, make_user, supervisor, other_inspector, who, expected
):
    complaint = submit(org=orgs["SZ"])
    users = {
        "supervisor": supervisor,
        "inspector_wjd_scope": make_user(Role.INSPECTOR, orgs["WJD"]),  # below SZ: not its unit's case
        "other_inspector": other_inspector,
        "enterprise": make_user(Role.ENTERPRISE),
        "lab": make_user(Role.LAB_ANALYST, orgs["SZ"]),
    }
    client.force_login(users[who])
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == expected


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.LAB_ANALYST, Role.SYSTEM])
def test_the_complaint_list_is_refused_to_roles_that_do_not_handle_complaints(client, orgs, make_user, role):
    submit(org=orgs["SZ"])
    client.force_login(make_user(role, None if role == Role.ENTERPRISE else orgs["SZ"]))
    assert client.get(reverse("complaints:list")).status_code == 403


@pytest.mark.parametrize("action", ["triage", "reply", "close"])
def test_an_inspector_cannot_triage_or_close_and_may_not_reply_unassigned(client, orgs, inspector, action):
    complaint = submit(org=orgs["WJD"])
    client.force_login(inspector)
    data = {"category": "quality", "org": orgs["WJD"].pk, "reply": "答复", "outcome": "invalid", "version": 1}
    response = client.post(reverse(f"complaints:{action}", args=[complaint.pk]), data)
    assert response.status_code in (403, 422)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_a_supervisor_handles_a_complaint_to_closure_through_the_pages(client, orgs, supervisor, inspector):
    complaint = submit(org=orgs["SZ"])
    client.force_login(supervisor)
    url = reverse("complaints:triage", args=[complaint.pk])
    client.post(
        url, {"category": "product_safety", "org": orgs["WJD"].pk, "assignee": inspector.pk, "version": 1}
    )
    client.force_login(inspector)
    client.post(
        reverse("complaints:reply", args=[complaint.pk]), {"reply": "经核查，已责令下架。", "version": 2}
    )
    client.force_login(supervisor)
    client.post(reverse("complaints:close", args=[complaint.pk]), {"outcome": "substantiated", "version": 3})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.assignee == inspector


def test_the_list_flags_overdue_complaints(client, orgs, supervisor):
    make_overdue(submit(org=orgs["SZ"]))
    client.force_login(supervisor)
    page = client.get(reverse("complaints:list") + "?flag=overdue").content.decode()
    assert 'data-testid="overdue-flag"' in page


def test_photos_are_served_to_staff_of_the_unit_only(client, orgs, supervisor, other_inspector):
    from guomen.complaints.services import complaint_submit

    complaint = complaint_submit(data=complaint_data(), photos=[("a.png", image_bytes())], org=orgs["SZ"])
    url = reverse("complaints:photo", args=[complaint.pk, complaint.photos.get().pk])
    assert client.get(url).status_code == 302
    client.force_login(other_inspector)
    assert client.get(url).status_code == 404
    client.force_login(supervisor)
    assert client.get(url).status_code == 200
