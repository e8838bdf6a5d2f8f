"""What the inspection and the laboratory found, passed to risk management as signals."""

from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.risk.services import signal_record

from ..rules import lab_failure


def signal_for_inspection(task, *, actor):
    """Report a confirmed non-conforming inspection to risk management (once per task)."""
    declaration = task.declaration
    findings = list(task.findings.select_related("hazard"))
    hazard = next((f.hazard for f in findings if f.hazard_id), None)
    lines = list(declaration.lines.select_related("hs").prefetch_related("production_bases"))
    line = lines[0] if lines else None
    base = next((b for ln in lines for b in ln.production_bases.all()), None)
    goods = line.hs.display_name if line else ""
    title = _("Inspection non-conforming: %(goods)s from %(origin)s — %(what)s") % {
        "goods": goods,
        "origin": declaration.origin_country.display_name,
        "what": hazard.name_zh if hazard else (findings[0].description if findings else task.notes[:60]),
    }
    description = "\n".join(
        [
            _("Declaration %(n)s, disposition: %(d)s.")
            % {"n": declaration.number, "d": task.get_disposition_display()}
        ]
        + [f"- {f.description}" + (f" ×{f.count}" if f.count else "") for f in findings]
        + ([task.notes] if task.notes else [])
    )
    return signal_record(
        source="inspection",
        source_ref=f"inspections.inspectiontask:{task.pk}",
        title=title,
        description=description,
        org=task.port,
        actor=actor,
        occurred_on=timezone.localdate(task.recorded_at) if task.recorded_at else None,
        hs=line.hs if line else None,
        hazard=hazard,
        origin=declaration.origin_country,
        enterprise=declaration.declarant,
        production_base=base,
    )


def signal_for_sample(sample, failing, actor) -> None:
    declaration = sample.declaration
    line = sample.line
    findings = "; ".join(lab_failure(i) for i in failing)
    commodity = line.description if line else ""
    signal_record(
        source="lab",
        source_ref=f"labs.sample:{sample.pk}",
        title=_("Non-conforming lab result: %(hazard)s in %(commodity)s (sample %(number)s)")
        % {
            "hazard": failing[0].analyte.name_zh,
            "commodity": commodity or declaration.number,
            "number": sample.number,
        },
        description=_("Declaration %(declaration)s, laboratory %(lab)s: %(findings)s")
        % {"declaration": declaration.number, "lab": sample.laboratory.name, "findings": findings},
        org=sample.port,
        actor=actor,
        hs=line.hs if line else None,
        hazard=failing[0].analyte,
        origin=declaration.origin_country,
        enterprise=declaration.declarant,
        production_base=line.production_bases.first() if line else None,
    )
