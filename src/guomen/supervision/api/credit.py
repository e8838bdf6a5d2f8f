"""Credit explained, mounted at /api/v1/enterprise/credit: grade, score and every event behind them."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.permissions import require

from .standing import enterprise_seen

router = Router(tags=["enterprise credit"])


class CreditLineOut(Schema):
    id: int
    date: dt.date
    kind: str
    severity: str
    rule: str
    points: int
    counts: bool
    counts_until: dt.date
    description: str
    record: str


class GradeBandOut(Schema):
    grade: str
    min_score: int | None
    max_score: int | None


class CreditExplainedOut(Schema):
    uscc: str
    name: str
    grade: str
    computed_grade: str
    credit_score: int
    base_score: int
    window_days: int
    blacklisted: bool
    downgrade_pending: bool
    events: list[CreditLineOut]
    grades: list[GradeBandOut]
    restore: list[str]
    notes: list[str]


@router.get("", response=CreditExplainedOut)
def credit_explained(request, uscc: str = ""):
    """The credit grade and score with every credit event that produced them (date, rule, points, record), the
    thresholds of each grade and what restores it. An enterprise user or an enterprise's system key reads its own
    enterprise (`uscc` may be left out); staff name the enterprise by `uscc` (within their jurisdiction)."""
    from ..explain import credit_explain

    user = request.auth
    if user.enterprise_id:  # an enterprise user or an enterprise's system key: its own enterprise only
        require(user, "enterprise.view")
        enterprise = user.enterprise
        if uscc and uscc.strip().upper() != enterprise.uscc:
            raise NotFound()
    else:
        require(user, "supervision.view")
        if not uscc:
            raise ValidationFailed(
                fields={"uscc": [_("Name the enterprise by its unified social credit code.")]}
            )
        enterprise = enterprise_seen(request, uscc)
    x = credit_explain(enterprise=enterprise, user=user)
    return {
        "uscc": enterprise.uscc,
        "name": enterprise.name_zh,
        "grade": x.grade,
        "computed_grade": x.computed_grade,
        "credit_score": x.score,
        "base_score": x.base_score,
        "window_days": x.window_days,
        "blacklisted": x.blacklisted,
        "downgrade_pending": x.downgrade_pending,
        "restore": x.restore,
        "notes": x.notes,
        "grades": [{"grade": b.grade, "min_score": b.min_score, "max_score": b.max_score} for b in x.bands],
        "events": [
            {
                "id": ln.event.pk,
                "date": ln.event.occurred_on,
                "kind": ln.event.kind,
                "severity": ln.event.severity,
                "rule": ln.rule,
                "points": ln.event.points,
                "counts": ln.counts,
                "counts_until": ln.counts_until,
                "description": ln.event.description,
                "record": ln.link,
            }
            for ln in x.lines
        ],
    }
