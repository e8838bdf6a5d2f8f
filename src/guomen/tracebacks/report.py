"""The closing report of a trace-back case (结案报告), as a page and as a PDF in Chinese."""

from django.utils import timezone, translation

from guomen.core.pdf import render_pdf


def closing_report_pdf(case) -> bytes:
    with translation.override("zh-hans"):
        return render_pdf(
            "tracebacks/pdf/report.html",
            {
                "case": case,
                "n": case.notification,
                "tasks": list(case.tasks.order_by("due_date", "id")),
                "generated_at": timezone.localtime(),
            },
        )
