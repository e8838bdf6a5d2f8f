"""Laboratory pages: the phone sampling page, label PDF, custody by scan, queue, results (HTMX), approval."""

import pytest
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.labs.models import Sample
from guomen.labs.tests.factories import register, to_received

pytestmark = pytest.mark.django_db


def _form(lab, **overrides):
    data = {
        "sample_type": "fruit_vegetable",
        "quantity": "2",
        "unit": "kg",
        "tests": ["pesticide_residues"],
        "laboratory": lab.code,
    }
    data.update(overrides)
    return data


def test_sampling_page_offers_tests_and_laboratories(client, task, inspector, lab):
    client.force_login(inspector)
    page = client.get(reverse("labs:sample_new", args=[task.pk])).content.decode()
    assert "pesticide_residues" in page and lab.name in page
    assert task.declaration.number in page


def test_registering_opens_the_sample_page(client, task, inspector, lab):
    client.force_login(inspector)
    response = client.post(reverse("labs:sample_new", args=[task.pk]), _form(lab))
    sample = Sample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("labs:sample_detail", args=[sample.pk])


def test_bad_registration_shows_the_error_on_the_field(client, task, inspector, lab):
    client.force_login(inspector)
    response = client.post(reverse("labs:sample_new", args=[task.pk]), _form(lab, tests=[]))
    assert response.status_code == 422
    assert "invalid-feedback" in response.content.decode()
    assert not Sample.objects.exists()


def test_label_is_a_one_page_pdf_with_the_number(client, task, inspector, lab):
    from io import BytesIO

    from pypdf import PdfReader

    sample = register(task, inspector, lab)
    client.force_login(inspector)
    response = client.get(reverse("labs:sample_label", args=[sample.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    assert sample.number in reader.pages[0].extract_text()


def test_sealing_by_scanning_the_label(client, task, inspector, lab):
    sample = register(task, inspector, lab)
    client.force_login(inspector)
    url = reverse("labs:custody", args=[sample.pk])
    response = client.post(url, {"code": sample.number, "expected_version": sample.version})
    sample.refresh_from_db()
    assert response.status_code == 302 and sample.status == "sealed"


def test_scanning_a_wrong_code_shows_the_error(client, task, inspector, lab):
    sample = register(task, inspector, lab)
    client.force_login(inspector)
    response = client.post(
        reverse("labs:custody", args=[sample.pk]), {"code": "YP000", "expected_version": sample.version}
    )
    assert response.status_code == 422
    assert "YP000" in response.content.decode()


def test_receipt_by_typed_code_opens_the_sample(client, task, inspector, lab, lab_analyst):
    from guomen.labs.services import sample_custody

    sample = register(task, inspector, lab)
    sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
    sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
    client.force_login(lab_analyst)
    assert sample.number in client.get(reverse("labs:queue")).content.decode()
    response = client.post(reverse("labs:receive"), {"code": sample.number.lower()})
    assert response["Location"] == reverse("labs:sample_detail", args=[sample.pk])


def test_receipt_of_an_unknown_code_says_so(client, lab_analyst):
    client.force_login(lab_analyst)
    response = client.post(reverse("labs:receive"), {"code": "YPNOPE"})
    assert response.status_code == 422 and "YPNOPE" in response.content.decode()


def test_result_entry_over_htmx_returns_the_judged_panel(client, task, inspector, lab, lab_analyst, residue):
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    client.force_login(lab_analyst)
    response = client.post(
        reverse("labs:result_add", args=[sample.pk]),
        {"test": "pesticide_residues", "analyte": "CHLORPYRIFOS", "value": "0.08", "unit": "mg/kg"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'id="results-panel"' in html
    assert "<html" not in html
    assert "non_conforming" in html or "不合格" in html


def test_result_error_stays_in_the_panel(client, task, inspector, lab, lab_analyst, residue):
    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    client.force_login(lab_analyst)
    response = client.post(
        reverse("labs:result_add", args=[sample.pk]),
        {"test": "pesticide_residues", "analyte": "CHLORPYRIFOS", "value": "3", "unit": "CFU/g"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()


def test_analyte_options_follow_the_test(client, lab_analyst, residue):
    client.force_login(lab_analyst)
    html = client.get(reverse("labs:analyte_options"), {"test": "pesticide_residues"}).content.decode()
    assert "CHLORPYRIFOS" in html


def test_approval_panel_is_hidden_from_the_analyst_who_entered(
    client, task, inspector, lab, lab_analyst, second_analyst, residue
):
    from guomen.labs.services import result_enter, results_submit

    sample = to_received(register(task, inspector, lab), inspector, lab_analyst)
    result_enter(
        sample=sample,
        test="pesticide_residues",
        analyte="CHLORPYRIFOS",
        value="0.08",
        unit="mg/kg",
        actor=lab_analyst,
    )
    results_submit(sample=sample, actor=lab_analyst)
    url = reverse("labs:sample_detail", args=[sample.pk])
    client.force_login(lab_analyst)
    assert 'data-testid="approve"' not in client.get(url).content.decode()
    client.force_login(second_analyst)
    assert 'data-testid="approve"' in client.get(url).content.decode()
    response = client.post(reverse("labs:approve", args=[sample.pk]), {"expected_version": sample.version})
    sample.refresh_from_db()
    assert response.status_code == 302 and sample.verdict == "non_conforming"


def test_task_samples_page_shows_the_verdict(client, task, inspector, lab):
    sample = register(task, inspector, lab)
    client.force_login(inspector)
    assert sample.number in client.get(reverse("labs:task_samples", args=[task.pk])).content.decode()


def test_overdue_page_lists_late_samples(client, task, inspector, lab):
    import datetime as dt

    from django.utils import timezone

    sample = register(task, inspector, lab)
    Sample.objects.filter(pk=sample.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(inspector)
    assert sample.number in client.get(reverse("labs:overdue")).content.decode()


# --- permission matrix of the pages ---------------------------------------------------------------------


@pytest.fixture
def people(orgs, make_user, inspector, lab_analyst, other_inspector):
    return {
        "anonymous": None,
        "inspector": inspector,
        "lab_analyst": lab_analyst,
        "other_inspector": other_inspector,
        "enterprise": make_user(Role.ENTERPRISE, None),
    }


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "sample_new",
            {
                "anonymous": 302,
                "inspector": 200,
                "lab_analyst": 403,
                "other_inspector": 404,
                "enterprise": 403,
            },
        ),
        (
            "sample_detail",
            {
                "anonymous": 302,
                "inspector": 200,
                "lab_analyst": 200,
                "other_inspector": 404,
                "enterprise": 404,
            },
        ),
        (
            "sample_label",
            {
                "anonymous": 302,
                "inspector": 200,
                "lab_analyst": 200,
                "other_inspector": 404,
                "enterprise": 404,
            },
        ),
        (
            "task_samples",
            {
                "anonymous": 302,
                "inspector": 200,
                "lab_analyst": 200,
                "other_inspector": 404,
                "enterprise": 403,
            },
        ),
        (
            "queue",
            {
                "anonymous": 302,
                "inspector": 403,
                "lab_analyst": 200,
                "other_inspector": 403,
                "enterprise": 403,
            },
        ),
        (
            "overdue",
            {
                "anonymous": 302,
                "inspector": 200,
                "lab_analyst": 200,
                "other_inspector": 200,
                "enterprise": 403,
            },
        ),
    ],
)
def test_page_matrix(client, task, inspector, lab, people, page, expected):
    sample = register(task, inspector, lab)
    args = {
        "sample_new": [task.pk],
        "task_samples": [task.pk],
        "sample_detail": [sample.pk],
        "sample_label": [sample.pk],
    }.get(page, [])
    url = reverse(f"labs:{page}", args=args)
    for who, status in expected.items():
        client.logout()
        if people[who] is not None:
            client.force_login(people[who])
        assert client.get(url).status_code == status, who


@pytest.mark.parametrize("who", ["inspector", "other_inspector", "enterprise"])
def test_only_lab_analysts_may_receive(client, people, who):
    client.force_login(people[who])
    assert client.post(reverse("labs:receive"), {"code": "X"}).status_code == 403
