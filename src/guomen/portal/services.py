"""Decisions marked for publication (行政许可和行政处罚双公示): entered, published and withdrawn by staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot

from .models import PublicDecision

FIELDS = ["kind", "decision_number", "enterprise", "enterprise_name", "enterprise_uscc", "decided_on",
          "summary", "legal_basis", "org"]  # fmt: skip


def _clean(decision: PublicDecision) -> None:
    try:
        decision.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def _fill_from_enterprise(data: dict) -> dict:
    enterprise = data.get("enterprise")
    if enterprise is not None:
        data.setdefault("enterprise_name", enterprise.name_zh)
        data["enterprise_name"] = data["enterprise_name"] or enterprise.name_zh
        data["enterprise_uscc"] = enterprise.uscc
    return data


@transaction.atomic
def decision_create(*, data: dict, actor) -> PublicDecision:
    require(actor, "decision.edit")
    data = _fill_from_enterprise({k: v for k, v in data.items() if k in FIELDS})
    if not org_in_scope(actor, data.get("org")):
        raise ValidationFailed(fields={"org": [_("Choose your own unit or one below it.")]})
    decision = PublicDecision(**data, created_by=actor)
    _clean(decision)
    decision.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="decision.create",
        obj=decision,
        org_path=decision.org.path,
        after=model_snapshot(decision),
    )
    return decision


def _locked(decision: PublicDecision, actor, expected_version) -> None:
    if not org_in_scope(actor, decision.org):
        raise PermissionDenied()
    version = decision.version if expected_version is None else int(expected_version)
    if not PublicDecision.objects.filter(pk=decision.pk, version=version).update(version=F("version") + 1):
        raise Conflict()
    decision.version = version + 1


@transaction.atomic
def decision_update(*, decision: PublicDecision, data: dict, actor, expected_version=None) -> PublicDecision:
    """Edit a decision that is not published (withdraw it first to correct a published one)."""
    require(actor, "decision.edit")
    if decision.published:
        raise ValidationFailed(fields={"published": [_("Withdraw the decision before editing it.")]})
    before = model_snapshot(decision)
    for name, value in _fill_from_enterprise({k: v for k, v in data.items() if k in FIELDS}).items():
        setattr(decision, name, value)
    _clean(decision)
    _locked(decision, actor, expected_version)
    decision.save()
    after = model_snapshot(decision)
    changed = [k for k in after if after[k] != before.get(k) and k != "version"]
    audit_record(
        actor=actor,
        verb="decision.update",
        obj=decision,
        org_path=decision.org.path,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return decision


@transaction.atomic
def decision_set_published(
    *, decision: PublicDecision, published: bool, actor, reason: str = "", expected_version=None
) -> PublicDecision:
    """Publish on the portal, or withdraw from it (a withdrawal needs a reason)."""
    require(actor, "decision.publish")
    if decision.published == published:
        raise ValidationFailed(
            fields={"published": [_("Already published.") if published else _("Not published.")]}
        )
    if not published and not reason.strip():
        raise ValidationFailed(fields={"reason": [_("Say why the decision is withdrawn.")]})
    _locked(decision, actor, expected_version)
    before = {"published": decision.published, "published_at": decision.published_at}
    decision.published = published
    decision.published_at = timezone.now() if published else None
    decision.save(update_fields=["published", "published_at", "version", "updated_at"])
    audit_record(
        actor=actor,
        verb="decision.published" if published else "decision.withdrawn",
        obj=decision,
        org_path=decision.org.path,
        before=before,
        after={"published": published, "published_at": decision.published_at},
        reason=reason,
    )
    return decision
