"""Release rules (放行条件): what must be true before goods leave, as data evaluated in one place.

Each rule is a row of RULES: a code, a severity and a check that reads the facts of one declaration and
returns its evidence (an empty list when the rule holds). `evaluate()` runs every rule; the clearance
services refuse a release that breaks one, and the confirmation card and the dossier show the same list.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.declarations.choices import CHANNEL_STRENGTH, Channel, DocumentType
from guomen.exports.choices import SiteStatus
from guomen.exports.selectors import flag_text, needs_supervised_loading
from guomen.inspections.choices import CheckKind, CheckResult
from guomen.labs.choices import FINAL_STATUSES as SAMPLE_FINAL
from guomen.labs.choices import SampleStatus, Verdict
from guomen.registry.choices import BaseStatus, FilingStatus

from .choices import Severity

# Reasons of a targeting decision that demand more than the channel shows (a re-routing may lower it).
MEASURE_CODES = frozenset({"measure"})
FLOOR_CODES = frozenset({"blacklisted_enterprise"})


@dataclass
class BaseFacts:
    pk: int
    code: str
    name: str
    status: str
    status_reason: str
    commodities: list = field(default_factory=list)  # HS codes it is registered for

    @property
    def status_label(self) -> str:
        return str(dict(BaseStatus.choices).get(self.status, self.status))


@dataclass
class LineFacts:
    line_no: int
    hs_id: str
    bases: list = field(default_factory=list)


@dataclass
class BatchFacts:
    """A production batch an export declaration names, with its site (exports)."""

    number: str
    flagged: bool
    reasons: list
    destination: str
    site_number: str
    site_name: str
    site_status: str
    site_reason: str
    hk_macao: bool

    @property
    def site_status_label(self) -> str:
        return str(dict(SiteStatus.choices).get(self.site_status, self.site_status))


@dataclass
class Facts:
    """Everything the rules read about one declaration, loaded with a fixed number of statements."""

    declaration: object
    lines: list
    documents: list
    requirements: list
    task: object | None = None
    checklist: list = field(default_factory=list)
    findings: int = 0
    samples: list = field(default_factory=list)
    decision: object | None = None
    ephyto_problems: list = field(default_factory=list)
    listed: dict = field(default_factory=dict)  # ids of the blacklisted parties
    ccc_uncovered: list = field(default_factory=list)  # (line, HS, category) no CCC certificate covers
    waste_unregistered: list = field(
        default_factory=list
    )  # (line, HS) of solid waste, consignee not registered
    batches: list = field(default_factory=list)  # BatchFacts of an export declaration
    loadings: int = 0  # supervised loadings recorded for the declaration


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: object
    check: object  # Facts → list[str]


@dataclass(frozen=True)
class Broken:
    code: str
    severity: str
    message: str
    evidence: tuple

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "evidence": list(self.evidence),
        }


def _bases(facts: Facts) -> list[str]:
    out = []
    for line in facts.lines:
        for base in line.bases:
            if base.status != BaseStatus.ACTIVE:
                out.append(
                    _("Line %(line)s: production base %(code)s %(name)s is %(status)s%(why)s.")
                    % {
                        "line": line.line_no,
                        "code": base.code,
                        "name": base.name,
                        "status": base.status_label,
                        "why": f"（{base.status_reason}）" if base.status_reason else "",
                    }
                )
            elif base.commodities and not any(
                line.hs_id.startswith(c) or c.startswith(line.hs_id) for c in base.commodities
            ):
                out.append(
                    _("Line %(line)s: production base %(code)s is not registered for HS %(hs)s.")
                    % {"line": line.line_no, "code": base.code, "hs": line.hs_id}
                )
        needs_base = any(
            r.registered_base_required and line.hs_id.startswith(r.hs_id) for r in facts.requirements
        )
        if needs_base and not line.bases:
            out.append(
                _(
                    "Line %(line)s: the import requirement demands a registered production base; none is declared."
                )
                % {"line": line.line_no}
            )
    return out


def missing_documents(declaration, documents, requirements) -> list[str]:
    """The document types the requirements demand that the declaration does not carry."""
    have = {d.type for d in documents}
    wanted = []
    for req in requirements:
        for kind in req.required_documents or []:
            if kind not in have and kind not in wanted:
                wanted.append(kind)
    labels = dict(DocumentType.choices)
    return [str(labels.get(kind, kind)) for kind in wanted]


def _documents(facts: Facts) -> list[str]:
    return [
        _("Missing: %(document)s (demanded by the import requirement).") % {"document": name}
        for name in missing_documents(facts.declaration, facts.documents, facts.requirements)
    ]


def _ephyto(facts: Facts) -> list[str]:
    return [_("ePhyto: %(problem)s") % {"problem": p} for p in facts.ephyto_problems]


def demanded_channel(facts: Facts) -> str:
    """The strongest check anything asked for: the task, the decision, and what a re-routing lowered."""
    channels = [Channel.RELEASE]
    if facts.task is not None:
        channels.append(facts.task.channel)
    decision = facts.decision
    if decision is not None:
        channels.append(decision.channel)
        if decision.mandatory and decision.original_channel:
            channels.append(decision.original_channel)
    return max(channels, key=lambda c: CHANNEL_STRENGTH.get(c, 0))


def physical_done(facts: Facts) -> bool:
    answered = any(
        i.kind == CheckKind.PHYSICAL and i.result in (CheckResult.CONFORM, CheckResult.NON_CONFORM)
        for i in facts.checklist
    )
    return answered or facts.findings > 0


def samples_taken(facts: Facts) -> list:
    return [s for s in facts.samples if s.status != SampleStatus.REJECTED]


def _inspection(facts: Facts) -> list[str]:
    if facts.task is None:
        return []
    channel = demanded_channel(facts)
    out = []
    if channel in (Channel.PHYSICAL, Channel.PHYSICAL_SAMPLING) and not physical_done(facts):
        out.append(_("Physical inspection was asked for and no physical check was recorded."))
    if channel == Channel.PHYSICAL_SAMPLING and not samples_taken(facts):
        out.append(_("Sampling was asked for and no sample was registered."))
    return out


def _reason_codes(facts: Facts) -> set[str]:
    decision = facts.decision
    return {r.get("code") for r in (decision.reasons or [])} if decision is not None else set()


def _measures(facts: Facts) -> list[str]:
    if facts.task is None:
        return []
    codes = _reason_codes(facts)
    out = []
    if codes & MEASURE_CODES and not samples_taken(facts):
        out.append(_("A tightened-inspection control measure demands sampling; no sample was registered."))
    if codes & FLOOR_CODES and not physical_done(facts):
        out.append(_("The blacklist floor demands a physical inspection; none was recorded."))
    return out


def _pending(facts: Facts) -> list[str]:
    return [
        _("Sample %(number)s is still at the laboratory (%(status)s).")
        % {"number": s.number, "status": s.get_status_display()}
        for s in facts.samples
        if s.status not in SAMPLE_FINAL
    ]


def lab_failure(item) -> str:
    """One failed test item as people read it: analyte, value and the limit it exceeds."""
    value = item.value.normalize() if item.value is not None else _("detected")
    limit = f" > {item.limit_value.normalize()} {item.limit_unit}" if item.limit_value is not None else ""
    return f"{item.analyte.name_zh} {value} {item.unit}".strip() + limit


def lab_failures(sample) -> list[str]:
    return [lab_failure(i) for i in sample.items.all() if i.verdict == Verdict.NON_CONFORMING]


def _lab(facts: Facts) -> list[str]:
    out = []
    for s in facts.samples:
        if s.status == SampleStatus.APPROVED and s.verdict == Verdict.NON_CONFORMING:
            out.append(
                _("Sample %(number)s failed: %(items)s.")
                % {"number": s.number, "items": "；".join(lab_failures(s)) or s.get_verdict_display()}
            )
    return out


def _standing(facts: Facts) -> list[str]:
    out = []
    d = facts.declaration
    for enterprise in {e.pk: e for e in (d.declarant, d.consignee) if e is not None}.values():
        if enterprise.filing_status != FilingStatus.FILED:
            out.append(
                _("%(name)s: filing is %(status)s.")
                % {"name": enterprise.name_zh, "status": enterprise.get_filing_status_display()}
            )
        if enterprise.pk in facts.listed:
            out.append(_("%(name)s is on the blacklist.") % {"name": enterprise.name_zh})
    return out


# CCC: goods in the compulsory certification catalogue go only to a holder of a valid CCC certificate covering them.
def _ccc(facts: Facts) -> list[str]:
    d = facts.declaration
    holder = d.consignee if d.consignee_id else d.declarant
    return [
        _(
            "Line %(line)s: HS %(hs)s is in the CCC catalogue (%(category)s); %(name)s holds no valid CCC certificate covering it."
        )
        % {"line": line, "hs": hs, "category": category, "name": holder.name_zh}
        for line, hs, category in facts.ccc_uncovered
    ]


# Solid waste imported as raw material goes only to a registered domestic consignee (进口废物原料国内收货人登记).
def _waste(facts: Facts) -> list[str]:
    d = facts.declaration
    holder = d.consignee if d.consignee_id else d.declarant
    return [
        _(
            "Line %(line)s: HS %(hs)s is solid waste imported as raw material; %(name)s is not a registered consignee."
        )
        % {"line": line, "hs": hs, "name": holder.name_zh}
        for line, hs in facts.waste_unregistered
    ]


def _export_batches(facts: Facts) -> list[str]:
    out = []
    for batch in facts.batches:
        if batch.site_status != SiteStatus.REGISTERED:
            out.append(
                _("Batch %(batch)s: export site %(code)s %(name)s is %(status)s%(why)s.")
                % {
                    "batch": batch.number,
                    "code": batch.site_number or "—",
                    "name": batch.site_name,
                    "status": batch.site_status_label,
                    "why": f"（{batch.site_reason}）" if batch.site_reason else "",
                }
            )
        if batch.flagged:
            reasons = "；".join(flag_text(r) for r in batch.reasons) or _("flagged")
            out.append(
                _("Batch %(batch)s is flagged: %(reasons)s") % {"batch": batch.number, "reasons": reasons}
            )
    return out


def _loading(facts: Facts) -> list[str]:
    needing = [
        b.number
        for b in facts.batches
        if needs_supervised_loading(hk_macao=b.hk_macao, destination=b.destination)
    ]
    if not needing or facts.loadings:
        return []
    return [
        _("Batches %(batches)s demand supervised loading (监装); none was recorded.")
        % {"batches": "、".join(needing)}
    ]


H, HOLD, REFUSE = Severity.HARD_STOP, Severity.HOLD, Severity.REFUSE_RELEASE
# fmt: off
RULES: tuple[Rule, ...] = (
    Rule("base_not_registered", H, gettext_lazy("Production base not registered, suspended or revoked"), _bases),
    Rule("document_missing", H, gettext_lazy("A document the import requirement demands is missing"), _documents),
    Rule("ephyto_mismatch", H, gettext_lazy("The ePhyto certificate does not match the declaration"), _ephyto),
    Rule("inspection_not_done", H, gettext_lazy("The inspection or sampling asked for was not recorded"), _inspection),
    Rule("measure_checks_missing", H, gettext_lazy("A control measure's demanded checks were not done"), _measures),
    Rule("enterprise_standing", H, gettext_lazy("Enterprise blacklisted or its filing not valid"), _standing),
    Rule("ccc_certificate_missing", H, gettext_lazy("CCC product without a valid CCC certificate"), _ccc),
    Rule("waste_consignee_not_registered", H, gettext_lazy("Solid waste for a consignee not registered"), _waste),
    Rule("export_batch_blocked", H, gettext_lazy("A production batch is flagged or its site is not registered"), _export_batches),
    Rule("loading_not_recorded", H, gettext_lazy("The supervised loading the goods demand was not recorded"), _loading),
    Rule("sample_pending", HOLD, gettext_lazy("A sample is still at the laboratory"), _pending),
    Rule("lab_non_conforming", REFUSE, gettext_lazy("A laboratory result is non-conforming"), _lab),
)
# fmt: on
INTAKE_RULES = frozenset(
    {
        "base_not_registered",
        "document_missing",
        "ephyto_mismatch",
        "enterprise_standing",
        "export_batch_blocked",
        "loading_not_recorded",
    }
)
RULE_TITLES = {r.code: r.title for r in RULES}


def evaluate(facts: Facts, *, only=None) -> list[Broken]:
    """Every broken rule with its evidence, in the order of RULES."""
    broken = []
    for rule in RULES:
        if only is not None and rule.code not in only:
            continue
        evidence = rule.check(facts)
        if evidence:
            broken.append(Broken(rule.code, rule.severity, str(rule.title), tuple(str(e) for e in evidence)))
    return broken


def hard_stops(broken: list[Broken]) -> list[Broken]:
    return [b for b in broken if b.severity == Severity.HARD_STOP]
