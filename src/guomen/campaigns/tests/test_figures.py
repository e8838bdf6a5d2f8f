"""Campaign figures against a hand-counted fixture (conftest.counted), and the generated report."""

import io
import subprocess

import pytest
from django.core.management import call_command

from guomen.campaigns import services
from guomen.campaigns.figures import campaign_figures, progress
from guomen.campaigns.report import build, campaign_report
from guomen.core.errors import PermissionDenied, ValidationFailed

# Inspections: t1 conforming; t2 non-conforming with 2 findings, treated and released (2 rectified);
# t3 non-conforming without findings (counts 1), returned. Spot checks: s1 2 bad items, rectified,
# 2 batches sampled; s2 conforming. Officer visits: 3 recorded inspections + 2 × 2 drawn inspectors.
EXPECTED = {
    "inspections": 5, "officer_visits": 7, "enterprises": 4, "non_conformities": 5, "rectified": 4,
    "samples": 2, "warnings": 1, "signals": 1, "events": 3, "visits": 5, "materials": 150, "people": 380,
}  # fmt: skip


def test_figures_match_the_hand_count(counted):
    figures = campaign_figures(counted)
    assert {k: figures[k] for k in EXPECTED} == EXPECTED
    assert figures["activities"] == {"publicity": 2, "rectification": 0, "service": 1, "brand": 0}


def test_progress_against_targets(counted):
    rows = {r["metric"]: (r["actual"], r["target"], r["percent"]) for r in progress(counted)}
    assert rows == {"inspections": (5, 10, 50), "enterprises": (4, 4, 100), "events": (3, 2, 150)}


def test_linking_twice_counts_once(counted, supervisor):
    link = counted.links.filter(kind="inspection").first()
    services.campaign_link(campaign=counted, kind="inspection", object_id=link.object_id, actor=supervisor)
    assert campaign_figures(counted)["inspections"] == 5


def test_a_record_outside_ones_jurisdiction_cannot_be_linked(counted, make_user, orgs):
    from guomen.declarations.tests.factories import DeclarationFactory
    from guomen.inspections.tests.factories import InspectionTaskFactory

    task = InspectionTaskFactory(declaration=DeclarationFactory(port=orgs["BY"]))
    with pytest.raises(ValidationFailed):
        services.campaign_link(
            campaign=counted, kind="inspection", object_id=task.pk, actor=make_user("supervisor", orgs["SZ"])
        )


def test_report_sentences_carry_the_figures(counted):
    text = campaign_report(counted, "md").decode()
    assert "派出执法人员7人次" in text and "对4家企业" in text
    assert "检查出5个不符合项" in text and "4个" in text
    assert "食品安全进校园" in text and "一、宣传" in text
    assert "| 检查及抽查次数 | 10 | 5 | 50% |" in text or "| 10 | 5 | 50% |" in text


def test_docx_report_opens_and_has_the_figures(counted):
    from docx import Document

    doc = Document(io.BytesIO(campaign_report(counted, "docx")))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "派出执法人员7人次" in body and "380" in body
    assert doc.tables[0].rows[1].cells[2].text == "5"


def test_pdf_report_opens_and_has_the_figures(counted, tmp_path):
    from pypdf import PdfReader

    data = campaign_report(counted, "pdf")
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert data.startswith(b"%PDF") and "7" in text
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Guomen" in fonts or "Noto" in fonts


def test_command_writes_each_format(counted, tmp_path):
    for fmt in ("md", "docx", "pdf"):
        out = tmp_path / f"report.{fmt}"
        call_command("campaign-report", "QM2026", "--format", fmt, "--output", str(out), stdout=io.StringIO())
        assert out.stat().st_size > 100


def test_report_figures_equal_the_figures(counted):
    assert build(counted)["figures"] == campaign_figures(counted)


# --- workflow and permissions ---------------------------------------------------------------------------


def test_campaign_status_machine(campaign, supervisor):
    from guomen.core.errors import IllegalTransition

    services.campaign_set_status(campaign=campaign, to="active", actor=supervisor)
    services.campaign_set_status(campaign=campaign, to="closed", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.campaign_set_status(campaign=campaign, to="active", actor=supervisor)
    with pytest.raises(ValidationFailed):
        services.activity_add(
            campaign=campaign,
            data={"category": "brand", "title": "x", "held_on": campaign.starts_on},
            actor=supervisor,
        )


@pytest.mark.parametrize("who", ["inspector", "lab_analyst"])
def test_only_editors_create_campaigns(request, orgs, who):
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            data={
                "code": "X1",
                "name": "x",
                "kind": "special_action",
                "starts_on": "2026-01-01",
                "ends_on": "2026-01-02",
            },
            actor=request.getfixturevalue(who),
        )


def test_another_branch_cannot_record_in_the_campaign(campaign, make_user, orgs):
    with pytest.raises(PermissionDenied):
        services.activity_add(
            campaign=campaign,
            data={"category": "brand", "title": "x", "held_on": campaign.starts_on},
            actor=make_user("inspector", orgs["BY"]),
        )


def test_bad_outreach_numbers_name_the_field(campaign, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.outreach_record(
            campaign=campaign, data={"held_on": campaign.starts_on, "people_reached": -3}, actor=supervisor
        )
    assert "people_reached" in exc.value.fields


def test_unknown_activity_category_is_refused(campaign, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.activity_add(
            campaign=campaign,
            data={"category": "party", "title": "x", "held_on": campaign.starts_on},
            actor=supervisor,
        )
    assert "category" in exc.value.fields
