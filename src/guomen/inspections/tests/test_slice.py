"""The first end-to-end slice, inspection side: task → non-conforming result → supervisor returns it."""

import pytest
from django.test import Client
from django.urls import reverse

from guomen.core.selectors import audit_timeline
from guomen.declarations.models import Declaration
from guomen.inspections.models import InspectionTask
from guomen.inspections.services import inspection_task_open

from .factories import declaration_under_inspection, durian_requirement

pytestmark = pytest.mark.django_db


def test_non_conforming_durian_is_returned_and_the_timeline_tells_the_story(orgs, inspector, supervisor):
    # Given a declaration routed to physical inspection at 文锦渡, and the task the intake opens for it
    durian_requirement()
    declaration = declaration_under_inspection(orgs["WJD"])
    task = inspection_task_open(declaration=declaration, channel="physical", instruction="重点检查粉蚧")

    # When the inspector finds live mealybugs and proposes a return, on the phone pages
    phone = Client()
    phone.force_login(inspector)
    assert declaration.number in phone.get(reverse("inspections:my_tasks")).content.decode()
    phone.post(
        reverse("inspections:task_result", args=[task.pk]),
        {
            "outcome": "non_conforming",
            "proposed_disposition": "return",
            "notes": "整批检出活体粉蚧",
            "finding_hazard": ["PLANLI"],
            "finding_description": [""],
            "finding_count": ["12"],
            "expected_version": task.version,
        },
    )

    # And the branch supervisor confirms the return
    desk = Client()
    desk.force_login(supervisor)
    task = InspectionTask.objects.get(pk=task.pk)
    assert declaration.number in desk.get(reverse("inspections:confirmations")).content.decode()
    desk.post(
        reverse("inspections:task_confirm", args=[task.pk]),
        {"disposition": "return", "expected_version": task.version},
    )

    # Then the declaration is returned, the finding names the pest, and the timeline has each step
    declaration = Declaration.objects.get(pk=declaration.pk)
    assert (declaration.status, declaration.outcome) == ("returned", "non_conforming")
    assert task.findings.get().hazard.name_zh == "南洋臀纹粉蚧"
    verbs = [e.verb for e in audit_timeline(obj=declaration)]
    assert verbs[-2:] == ["declaration.pending_disposition", "declaration.returned"]
    task_verbs = [e.verb for e in audit_timeline(obj=task)]
    assert task_verbs == ["inspection.open", "inspection.record", "inspection.findings", "inspection.confirm"]
    page = desk.get(reverse("inspections:task_detail", args=[task.pk])).content.decode()
    assert "查验结果：不合格" in page
    assert "科长确认：退运" in page
