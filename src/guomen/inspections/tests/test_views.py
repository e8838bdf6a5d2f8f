import pytest
from django.test import Client
from django.urls import reverse

from guomen.clearance.services import clearance_record_result
from guomen.inspections.models import InspectionTask
from guomen.inspections.services import inspection_task_start

from .factories import durian_requirement, open_task

pytestmark = pytest.mark.django_db

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"}


def client_for(user):
    client = Client(**PHONE)
    client.force_login(user)
    return client


def detail_url(task):
    return reverse("inspections:task_detail", args=[task.pk])


def result_post(task, **overrides):
    data = {
        "outcome": "non_conforming",
        "notes": "",
        "proposed_disposition": "return",
        "expected_version": task.version,
        "finding_hazard": [""],
        "finding_description": ["发现活体粉蚧"],
        "finding_count": ["4"],
    }
    data.update(overrides)
    return data


def recorded(task, inspector):
    clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="",
        proposed_disposition="return",
        findings=[{"description": "活体粉蚧", "count": 3}],
        actor=inspector,
        expected_version=task.version,
    )
    return InspectionTask.objects.get(pk=task.pk)


# --- task list ------------------------------------------------------------------------------------


def test_task_list_shows_cards_with_channel_number_commodity_and_origin(task, inspector):
    html = client_for(inspector).get(reverse("inspections:my_tasks")).content.decode()
    assert html.count('data-testid="task-card"') == 1
    assert "gm-channel-physical" in html
    assert task.declaration.number in html
    assert "鲜榴莲" in html and "泰国" in html


def test_task_list_needs_sign_in(task):
    response = Client().get(reverse("inspections:my_tasks"))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["lab_analyst", "enterprise_user"])
def test_task_list_is_refused_to_roles_that_do_not_inspect(task, who, request):
    assert client_for(request.getfixturevalue(who)).get(reverse("inspections:my_tasks")).status_code == 403


def test_other_jurisdiction_sees_no_wjd_cards(task, other_inspector):
    html = client_for(other_inspector).get(reverse("inspections:my_tasks")).content.decode()
    assert 'data-testid="task-card"' not in html
    assert client_for(other_inspector).get(detail_url(task)).status_code == 404


def test_typing_a_declaration_number_opens_the_task(task, inspector):
    response = client_for(inspector).get(reverse("inspections:my_tasks"), {"q": task.declaration.number})
    assert response.status_code == 302
    assert response["Location"] == detail_url(task)


def test_typing_an_unknown_number_says_so_in_chinese(task, inspector):
    html = client_for(inspector).get(reverse("inspections:my_tasks"), {"q": "NOPE123"}).content.decode()
    assert "您的辖区内没有“NOPE123”的待办查验任务" in html


# --- task page ------------------------------------------------------------------------------------


def test_task_page_shows_the_dossier_and_the_result_form(task, inspector):
    durian_requirement()
    html = client_for(inspector).get(detail_url(task)).content.decode()
    assert task.declaration.number in html
    assert "081060" in html and "鲜榴莲" in html
    assert 'data-testid="credit-grade"' in html
    assert "南洋臀纹粉蚧" in html and "输往中华人民共和国" in html
    assert "开箱查验，重点检查介壳虫" in html
    assert 'data-testid="submit-result"' in html and "记录结果" in html
    assert 'name="proposed_disposition"' in html
    assert 'data-testid="outcome-non_conforming"' in html
    assert "gm-alert-red" not in html


def test_suspended_production_base_is_shown_in_red(orgs, inspector):
    task = open_task(orgs["WJD"], base_status="suspended")
    html = client_for(inspector).get(detail_url(task)).content.decode()
    assert 'class="gm-alert-red' in html
    assert "暂停" in html or "Suspended" in html


def test_enterprise_user_cannot_open_a_task(task, enterprise_user):
    assert client_for(enterprise_user).get(detail_url(task)).status_code == 404


def test_start_assigns_the_task(task, inspector):
    response = client_for(inspector).post(
        reverse("inspections:task_start", args=[task.pk]), {"expected_version": task.version}
    )
    assert response.status_code == 302
    assert InspectionTask.objects.get(pk=task.pk).assignee == inspector


def test_recording_a_result_redirects_with_a_chinese_message(task, inspector):
    client = client_for(inspector)
    response = client.post(reverse("inspections:task_result", args=[task.pk]), result_post(task), follow=True)
    html = response.content.decode()
    assert "查验结果已记录，等待审批" in html
    assert 'data-testid="result-summary"' in html
    task.refresh_from_db()
    assert task.status == "awaiting_confirmation"
    assert task.findings.get().count == 4


def test_recording_over_htmx_gives_the_updated_page(task, inspector):
    response = client_for(inspector).post(
        reverse("inspections:task_result", args=[task.pk]), result_post(task), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="task-page"' in html
    assert 'data-testid="result-success"' in html
    assert 'data-testid="result-summary"' in html


def test_invalid_result_names_the_problem_and_keeps_the_input(task, inspector):
    data = result_post(task, outcome="conforming", proposed_disposition="destroy", notes="外观正常")
    response = client_for(inspector).post(reverse("inspections:task_result", args=[task.pk]), data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "查验合格的货物不能退运或销毁" in html
    assert "外观正常" in html
    assert InspectionTask.objects.get(pk=task.pk).status == "open"


def test_non_conforming_without_findings_says_what_is_missing(task, inspector):
    data = result_post(task, finding_description=[""], finding_count=[""])
    response = client_for(inspector).post(
        reverse("inspections:task_result", args=[task.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert "须至少记录一条查验发现" in response.content.decode()


def test_stale_result_is_a_visible_conflict(task, inspector, make_user, orgs):
    data = result_post(task)
    inspection_task_start(task=task, actor=make_user("inspector", orgs["WJD"], username="colleague"))
    response = client_for(inspector).post(reverse("inspections:task_result", args=[task.pk]), data)
    assert response.status_code == 409
    assert "colleague" in response.content.decode()  # the conflict names who has the task
    assert InspectionTask.objects.get(pk=task.pk).outcome == ""


def test_lab_analyst_cannot_post_a_result(task, lab_analyst):
    response = client_for(lab_analyst).post(
        reverse("inspections:task_result", args=[task.pk]), result_post(task)
    )
    assert response.status_code == 403
    assert InspectionTask.objects.get(pk=task.pk).status == "open"


def test_finding_row_partial_offers_the_hazard_picker(task, inspector):
    durian_requirement()
    html = client_for(inspector).get(reverse("inspections:finding_row"), {"task": task.pk}).content.decode()
    assert 'name="finding_hazard"' in html and "大洋臀纹粉蚧" in html


# --- confirmations --------------------------------------------------------------------------------


def test_confirmation_page_lists_results_with_the_decision_form(task, inspector, supervisor):
    recorded(task, inspector)
    html = client_for(supervisor).get(reverse("inspections:confirmations")).content.decode()
    assert task.declaration.number in html
    assert 'data-testid="confirm-disposition"' in html and "确认处置" in html
    assert "活体粉蚧" in html


@pytest.mark.parametrize("who", ["inspector", "enterprise_user", "lab_analyst"])
def test_confirmation_page_is_for_supervisors_only(task, who, request):
    assert (
        client_for(request.getfixturevalue(who)).get(reverse("inspections:confirmations")).status_code == 403
    )


def test_other_branch_supervisor_sees_nothing_to_confirm(task, inspector, by_supervisor):
    recorded(task, inspector)
    html = client_for(by_supervisor).get(reverse("inspections:confirmations")).content.decode()
    assert task.declaration.number not in html


def test_supervisor_confirms_over_htmx(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = client_for(supervisor).post(
        reverse("inspections:task_confirm", args=[task.pk]),
        {"disposition": "return", "reason": "", "expected_version": task.version},
        HTTP_HX_REQUEST="true",
    )
    assert "已确认处置：退运" in response.content.decode()
    task.refresh_from_db()
    assert task.declaration.status == "returned"


def test_different_disposition_without_reason_is_refused(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = client_for(supervisor).post(
        reverse("inspections:task_confirm", args=[task.pk]),
        {"disposition": "destroy", "expected_version": task.version},
        HTTP_HX_REQUEST="true",
    )
    assert "须填写理由" in response.content.decode()
    assert InspectionTask.objects.get(pk=task.pk).status == "awaiting_confirmation"


def test_supervisor_sends_back_with_a_reason(task, inspector, supervisor):
    task = recorded(task, inspector)
    response = client_for(supervisor).post(
        reverse("inspections:task_send_back", args=[task.pk]),
        {"disposition": "return", "reason": "照片不清晰，请复查", "expected_version": task.version},
        follow=True,
    )
    assert "已退回查验员重新查验" in response.content.decode()
    assert InspectionTask.objects.get(pk=task.pk).status == "in_progress"


def test_treatment_complete_button_releases(task, inspector, supervisor):
    from guomen.clearance.services import clearance_confirm
    from guomen.inspections.tests.factories import PHYSICAL_CHECKED

    clearance_record_result(
        task=task,
        outcome="conforming",
        findings=[],
        proposed_disposition="treatment",
        checklist=PHYSICAL_CHECKED,
        actor=inspector,
        expected_version=task.version,
    )
    clearance_confirm(
        task=InspectionTask.objects.get(pk=task.pk),
        disposition="treatment",
        treatment_kind="fumigation",
        actor=supervisor,
    )
    client = client_for(inspector)
    assert 'data-testid="treatment-complete"' in client.get(detail_url(task)).content.decode()
    response = client.post(reverse("inspections:treatment_complete", args=[task.pk]), follow=True)
    assert "除害处理已完成，货物已放行" in response.content.decode()
