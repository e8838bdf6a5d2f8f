"""The campaign summary report (活动总结) in Chinese, in the style of the bureau's own reports.

One structure (title, paragraphs, sections, a targets table) rendered as Markdown, DOCX or PDF; every
figure comes from campaign_figures().
"""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .choices import ActivityCategory, LinkKind
from .figures import campaign_figures, progress

CATEGORY_ORDER = [ActivityCategory.PUBLICITY, ActivityCategory.RECTIFICATION, ActivityCategory.SERVICE,
                  ActivityCategory.BRAND]  # fmt: skip
NUMERALS = "一二三四五六七八九十"


def cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _partner_agencies(campaign) -> list[str]:
    from guomen.enforcement.selectors import campaign_partner_agencies

    return campaign_partner_agencies(campaign)


def service_items(campaign) -> list[str]:
    from guomen.supervision.models import EnterpriseService

    ids = campaign.links.filter(kind=LinkKind.ENTERPRISE_SERVICE).values_list("object_id", flat=True)
    services = EnterpriseService.objects.filter(pk__in=list(ids)).order_by("held_on", "id")
    return [f"{cn_date(s.held_on)},{s.get_kind_display()}:{s.title}。{s.topics}" for s in services]


def line_sentences(lines: dict) -> list[str]:
    """The seed reports' sentences for the lines of work linked to the campaign (only those with records)."""
    out = []
    if lines["agency_checks"]:
        out.append(
            _(
                "%(checks)s goods inspections and factory audits of %(agencies)s inspection agencies were checked "
                "(Port Balance); %(penalised)s problems were penalised."
            )
            % {
                "checks": lines["agency_checks"],
                "agencies": lines["agencies"],
                "penalised": lines["agency_penalised"],
            }
        )
    if lines["complaints"]:
        out.append(
            _("%(complaints)s complaints were handled, %(agency)s of them against inspection agencies.")
            % {"complaints": lines["complaints"], "agency": lines["agency_complaints"]}
        )
    if lines["certification_checks"]:
        out.append(
            _(
                "Annual supervision checks were carried out at %(enterprises)s certified enterprises (%(checks)s checks)."
            )
            % {"enterprises": lines["certified_enterprises"], "checks": lines["certification_checks"]}
        )
    if lines["dealer_checks"]:
        out.append(
            _("%(checks)s special checks of %(dealers)s imported-car dealers were carried out.")
            % {"checks": lines["dealer_checks"], "dealers": lines["dealers"]}
        )
    if lines["recalls"]:
        out.append(
            _(
                "%(recalls)s recalls were followed up: %(recovered)s of %(affected)s units affected were recovered."
            )
            % {
                "recalls": lines["recalls"],
                "recovered": lines["recall_units_recovered"],
                "affected": lines["recall_units_affected"],
            }
        )
    if lines["cases_handed_over"] or lines["cases_received"]:
        out.append(
            _(
                "In joint enforcement %(out)s cases were handed over to partner agencies and %(in)s received from them."
            )
            % {"out": lines["cases_handed_over"], "in": lines["cases_received"]}
        )
    return out


def build(campaign, *, language: str = "zh-hans") -> dict:
    """The report's content: {title, subtitle, lead, paragraphs, sections, table, footer}."""
    with translation.override(language):
        f = campaign_figures(campaign)
        period = {
            "start": cn_date(campaign.starts_on),
            "end": cn_date(campaign.ends_on),
            "org": campaign.org.name,
            "name": campaign.name,
            "theme": campaign.theme or campaign.name,
        }
        lead = (
            _("From %(start)s to %(end)s, %(org)s carried out %(name)s under the theme “%(theme)s”.") % period
        )
        paragraphs = []
        if f["inspections"]:
            paragraphs.append(
                _(
                    "Law-enforcement officers were sent out %(officers)s times to inspect %(enterprises)s enterprises "
                    "(%(inspections)s inspections and spot checks); %(nc)s non-conformities were found and the "
                    "enterprises were urged to rectify them on time: %(rectified)s have been rectified."
                )
                % {
                    "officers": f["officer_visits"],
                    "enterprises": f["enterprises"],
                    "inspections": f["inspections"],
                    "nc": f["non_conformities"],
                    "rectified": f["rectified"],
                }
            )
        if f["samples"] or f["warnings"] or f["signals"]:
            paragraphs.append(
                _(
                    "%(samples)s batches were sampled for testing, %(warnings)s warnings were issued and "
                    "%(signals)s risk signals were recorded."
                )
                % {"samples": f["samples"], "warnings": f["warnings"], "signals": f["signals"]}
            )
        if f["events"] or f["visits"] or f["materials"] or f["people"]:
            paragraphs.append(
                _(
                    "%(events)s publicity and service events were held, %(visits)s enterprises were visited, "
                    "%(materials)s copies of materials were distributed and %(people)s people were reached."
                )
                % {
                    "events": f["events"],
                    "visits": f["visits"],
                    "materials": f["materials"],
                    "people": f["people"],
                }
            )
        if partners := _partner_agencies(campaign):
            paragraphs.append(
                _("Jointly with %(agencies)s (%(count)s partner agencies).")
                % {"agencies": "、".join(partners), "count": len(partners)}
            )
        if lines := line_sentences(f["lines"]):
            paragraphs.append("".join(lines))
        svc = f["services"]
        if svc["count"]:
            paragraphs.append(
                _(
                    "%(count)s services were rendered to enterprises (%(meetings)s quality analysis meetings, %(trainings)s "
                    "training sessions), attended by %(people)s people from %(enterprises)s enterprises."
                )
                % svc
            )
        sections = []
        activities = list(campaign.activities.order_by("held_on", "id"))
        for number, category in enumerate(c for c in CATEGORY_ORDER if f["activities"][c]):
            items = [
                f"{cn_date(a.held_on)},{a.title}" + (f"。{a.description}" if a.description else "")
                for a in activities
                if a.category == category
            ]
            sections.append(
                {"heading": f"{NUMERALS[number]}、{ActivityCategory(category).label}", "items": items}
            )
        if svc["count"]:
            sections.append(
                {
                    "heading": f"{NUMERALS[len(sections)]}、{_('Services to enterprises')}",
                    "items": service_items(campaign),
                }
            )
        table = [
            {
                "label": str(row["label"]),
                "target": row["target"],
                "actual": row["actual"],
                "percent": row["percent"],
            }
            for row in progress(campaign, f)
        ]
        return {
            "title": _("Summary of %(name)s") % {"name": campaign.name},
            "subtitle": f"{campaign.org.name} · {cn_date(campaign.starts_on)}—{cn_date(campaign.ends_on)}",
            "lead": lead,
            "paragraphs": paragraphs,
            "sections": sections,
            "table_head": [_("Indicator"), _("Target"), _("Achieved"), pgettext("achievement", "Share")],
            "table": table,
            "targets_heading": _("Targets and results"),
            "work_heading": _("Work carried out"),
            "footer": _("Every figure is computed from the records in Guomen on %(date)s.")
            % {"date": cn_date(timezone.localdate())},
            "figures": f,
        }


def render_md(report: dict) -> bytes:
    lines = [
        f"# {report['title']}",
        "",
        report["subtitle"],
        "",
        report["lead"] + "".join(report["paragraphs"]),
        "",
    ]
    if report["sections"]:
        lines += [f"## {report['work_heading']}", ""]
        for section in report["sections"]:
            lines += [f"### {section['heading']}", ""] + [f"- {item}" for item in section["items"]] + [""]
    if report["table"]:
        lines += [
            f"## {report['targets_heading']}",
            "",
            "| " + " | ".join(map(str, report["table_head"])) + " |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {r['label']} | {r['target']} | {r['actual']} | {r['percent']}% |" for r in report["table"]
        ]
        lines.append("")
    lines += [f"*{report['footer']}*", ""]
    return "\n".join(lines).encode("utf-8")


def render_docx(report: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Noto Sans SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans SC")
    heading = doc.add_heading(report["title"], level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(report["subtitle"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(report["lead"] + "".join(report["paragraphs"]))
    if report["sections"]:
        doc.add_heading(report["work_heading"], level=1)
        for section in report["sections"]:
            doc.add_heading(section["heading"], level=2)
            for item in section["items"]:
                doc.add_paragraph(item, style="List Bullet")
    if report["table"]:
        doc.add_heading(report["targets_heading"], level=1)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, report["table_head"], strict=True):
            cell.text = str(text)
        for row in report["table"]:
            cells = table.add_row().cells
            for cell, text in zip(
                cells, (row["label"], row["target"], row["actual"], f"{row['percent']}%"), strict=True
            ):
                cell.text = str(text)
    doc.add_paragraph(report["footer"])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_pdf(report: dict) -> bytes:
    from guomen.core.pdf import render_pdf as to_pdf

    return to_pdf("campaigns/pdf/report.html", {"report": report})


RENDERERS = {"md": render_md, "docx": render_docx, "pdf": render_pdf}


def campaign_report(campaign, fmt: str) -> bytes:
    return RENDERERS[fmt](build(campaign))
