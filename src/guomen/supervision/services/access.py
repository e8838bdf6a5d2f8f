"""Access management (准入管理): filing and registration applications, review, suspend, revoke, restore.

The status of record lives in registry (Enterprise.filing_status, ProductionBase.status) and changes only
through registry's workflow services, so targeting and intake see it at once. The application records
who asked, who decided and why; every change is audited.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.services import audit_record
from guomen.core.workflow import transition
from guomen.registry.choices import BaseStatus, FilingStatus
from guomen.registry.services import (
    enterprise_set_filing_status,
    production_base_apply,
    production_base_set_status,
)

from ..choices import APPLICATION_TRANSITIONS, ApplicationKind, ApplicationStatus
from ..models import AccessApplication
from ._common import need_reason, path_of, require_own_enterprise, require_staff_for

# The actions a supervisor takes on a filing or a registration, and the status each leads to.
FILING_ACTIONS = {
    "suspend": FilingStatus.SUSPENDED,
    "revoke": FilingStatus.REVOKED,
    "restore": FilingStatus.FILED,
}
BASE_ACTIONS = {"suspend": BaseStatus.SUSPENDED, "revoke": BaseStatus.REVOKED, "restore": BaseStatus.ACTIVE}


def _open_application(enterprise, kind, base=None) -> AccessApplication | None:
    return AccessApplication.objects.filter(
        enterprise=enterprise, kind=kind, production_base=base, status=ApplicationStatus.SUBMITTED
    ).first()


@transaction.atomic
def application_submit(*, enterprise, statement: str = "", actor) -> AccessApplication:
    """The enterprise applies for filing (first time, or again after a revocation)."""
    require_own_enterprise(actor, "supervision.access.apply", enterprise)
    if enterprise.filing_status in (FilingStatus.FILED, FilingStatus.SUSPENDED):
        message = _("This enterprise is already on file; no application is needed.")
        raise ValidationFailed(message, fields={"enterprise": [message]})
    if _open_application(enterprise, ApplicationKind.ENTERPRISE_FILING):
        message = _("An application for this enterprise is already waiting for review.")
        raise ValidationFailed(message, fields={"enterprise": [message]})
    if enterprise.filing_status == FilingStatus.REVOKED:
        enterprise_set_filing_status(
            enterprise=enterprise, to=FilingStatus.PENDING, reason=_("Applied for filing again"), actor=None
        )
    application = AccessApplication.objects.create(
        kind=ApplicationKind.ENTERPRISE_FILING,
        enterprise=enterprise,
        statement=str(statement or "").strip(),
        submitted_by=actor,
    )
    audit_record(
        actor=actor,
        verb="access.submitted",
        obj=application,
        org_path=path_of(enterprise),
        after={"kind": application.kind, "enterprise": enterprise.uscc},
    )
    return application


@transaction.atomic
def base_registration_apply(*, enterprise, data: dict, statement: str = "", actor) -> AccessApplication:
    """The enterprise applies to register a production base; the base is created pending review."""
    require_own_enterprise(actor, "supervision.access.apply", enterprise)
    base = production_base_apply(enterprise=enterprise, data=data, actor=actor)
    application = AccessApplication.objects.create(
        kind=ApplicationKind.BASE_REGISTRATION,
        enterprise=enterprise,
        production_base=base,
        statement=str(statement or "").strip(),
        submitted_by=actor,
    )
    audit_record(
        actor=actor,
        verb="access.submitted",
        obj=application,
        org_path=path_of(enterprise),
        after={"kind": application.kind, "production_base": base.code},
    )
    return application


@transaction.atomic
def application_decide(
    *, application: AccessApplication, approve: bool, reason: str, actor, expected_version: int | None = None
) -> AccessApplication:
    """A supervisor approves or rejects; the filing or registration status follows at once."""
    require_staff_for(actor, "supervision.access.decide", application.enterprise)
    reason = need_reason(reason)
    to = ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    transition(
        application,
        to=to,
        allowed=APPLICATION_TRANSITIONS,
        actor=actor,
        verb=f"access.{to}",
        reason=reason,
        expected_version=expected_version,
        org_path=path_of(application.enterprise),
        extra_fields={
            "decided_by_id": actor.pk,
            "decided_at": timezone.now(),
            "decision_reason": reason[:255],
        },
    )
    if application.kind == ApplicationKind.ENTERPRISE_FILING:
        enterprise = application.enterprise
        enterprise.refresh_from_db()
        target = FilingStatus.FILED if approve else FilingStatus.REVOKED
        if enterprise.filing_status == FilingStatus.PENDING:
            enterprise_set_filing_status(enterprise=enterprise, to=target, reason=reason, actor=actor)
    else:
        base = application.production_base
        base.refresh_from_db()
        if base.status == BaseStatus.PENDING:
            production_base_set_status(
                base=base, to=BaseStatus.ACTIVE if approve else BaseStatus.REVOKED, reason=reason, actor=actor
            )
            if approve and base.registered_on is None:
                type(base).objects.filter(pk=base.pk).update(registered_on=timezone.localdate())
    return application


@transaction.atomic
def application_withdraw(*, application: AccessApplication, actor) -> AccessApplication:
    require_own_enterprise(actor, "supervision.access.apply", application.enterprise)
    return transition(
        application,
        to=ApplicationStatus.WITHDRAWN,
        allowed=APPLICATION_TRANSITIONS,
        actor=actor,
        verb="access.withdrawn",
        org_path=path_of(application.enterprise),
    )


def _action(table: dict, action: str):
    if action not in table:
        raise ValidationFailed(fields={"action": [_("Choose suspend, revoke or restore.")]})
    return table[action]


@transaction.atomic
def enterprise_filing_change(*, enterprise, action: str, reason: str, actor, expected_version=None):
    """Suspend, revoke or restore an enterprise's filing, with a reason (a supervisor's decision)."""
    require_staff_for(actor, "supervision.access.decide", enterprise)
    return enterprise_set_filing_status(
        enterprise=enterprise,
        to=_action(FILING_ACTIONS, action),
        reason=need_reason(reason),
        actor=actor,
        expected_version=expected_version,
    )


@transaction.atomic
def base_status_change(*, base, action: str, reason: str, actor, expected_version=None):
    """Suspend, revoke or restore a production base's registration; targeting reacts at once."""
    if base.enterprise_id:
        require_staff_for(actor, "supervision.access.decide", base.enterprise)
    return production_base_set_status(
        base=base,
        to=_action(BASE_ACTIONS, action),
        reason=need_reason(reason),
        actor=actor,
        expected_version=expected_version,
    )
