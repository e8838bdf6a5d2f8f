"""Row-level deny by default: restrict() shows rows of a model only when the model says whose rows they are."""

import pytest
from django.apps import apps

from guomen.core.models import JobRun
from guomen.core.permissions import restrict

# Rows never listed through restrict(): read through their parent record (which is restricted), or kept by the
# system for itself. A new model must declare a scope (scope_org_field / scope_enterprise_fields), declare itself
# national reference data (scope_national), or be added here with the reason.
NOT_LISTED_THROUGH_RESTRICT = {
    "core.AuditEvent", "core.AuditChainHead", "core.IdempotencyRecord", "core.JobRun", "core.ScheduledRun",
    "core.WorkerLease", "core.AuditCheckpoint", "core.NumberSequence", "accounts.User", "accounts.ApiKey",
    "declarations.DeclarationLine", "declarations.DeclarationDocument",
    "targeting.TargetingSettings", "targeting.PortDayLoad", "targeting.OutcomeStat", "targeting.MeasureHit",
    "inspections.Finding", "inspections.ChecklistItem", "inspections.InspectionPhoto",
    "labs.CustodyEvent", "labs.TestItem",
    "risk.InboxMessage", "risk.ForeignNotification", "risk.CommodityMapping",
    "supervision.SpotCheckItem", "supervision.RuleSet", "supervision.RecomputeRun",
    "campaigns.CampaignTarget", "campaigns.CampaignLink", "documents.Document", "reports.RollupState",
    # read only by their own user (notifications.selectors filter on the recipient)
    "notifications.Notification", "notifications.NotificationPreference",
}  # fmt: skip


def _declares_scope(model) -> bool:
    return bool(
        getattr(model, "scope_org_field", None)
        or getattr(model, "scope_enterprise_fields", ())
        or getattr(model, "scope_national", False)
        or getattr(model, "scope_global_read", False)
    )


def test_every_model_declares_whose_rows_it_holds():
    undeclared = {
        m._meta.label
        for m in apps.get_models()
        if m.__module__.startswith("guomen.") and not _declares_scope(m)
    }
    assert undeclared - NOT_LISTED_THROUGH_RESTRICT == set()


@pytest.mark.django_db
def test_restrict_shows_nothing_of_a_model_without_a_declared_scope(admin_user):
    JobRun.objects.create(kind="test")
    assert not restrict(JobRun.objects.all(), admin_user, "catalog.view").exists()


@pytest.mark.django_db
def test_national_reference_data_is_shown_to_every_role_that_may_read_it(inspector):
    from guomen.catalog.models import Country

    Country.objects.get_or_create(
        code="TH", defaults={"alpha3": "THA", "name_zh": "泰国", "name_en": "Thailand"}
    )
    assert restrict(Country.objects.all(), inspector, "catalog.view").filter(code="TH").exists()
