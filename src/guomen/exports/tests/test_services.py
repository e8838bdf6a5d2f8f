"""The export chain's services: site workflow, input records, batches and their flags, batches of a declaration,
supervised loading. Bad input is refused with the field named, in Chinese, and nothing is half saved."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.exports import services
from guomen.exports.models import DeclarationBatch, ExportSite, InputRecord, LoadingRecord, ProductionBatch
from guomen.exports.selectors import batches_of_declaration, flag_text
from guomen.inspections.tests.factories import jpeg_with_exif

from .factories import export_declaration, lychee, make_batch, make_input, make_site, places

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _apply(enterprise, actor, **kwargs):
    places()
    lychee()
    fields = {
        "enterprise": enterprise,
        "name": "从化荔枝基地",
        "kind": "planting",
        "address": "广州市从化区",
        "commodities": ["081090"],
        "destinations": ["HK"],
        "hk_macao": True,
        "actor": actor,
    }
    return services.site_apply(**{**fields, **kwargs})


def _zh_fields(exc) -> dict:
    return exc.value.fields


# sites -----------------------------------------------------------------------------------------------------------


def test_an_enterprise_applies_and_the_supervisor_registers_the_site(exporter, exporter_user, supervisor):
    site = _apply(exporter, exporter_user)
    assert site.status == "applied" and site.org == exporter.org and not site.registration_number
    services.site_set_status(site=site, to="reviewing", actor=supervisor)
    site = services.site_set_status(site=site, to="registered", actor=supervisor)
    site.refresh_from_db()
    assert site.status == "registered" and site.registration_number.startswith("WJDCK")
    assert site.review_due == site.registered_on.replace(year=site.registered_on.year + 1)
    verbs = list(AuditEvent.objects.filter(object_id=str(site.pk)).values_list("verb", flat=True))
    assert verbs.count("export_site.status") == 2 and "export_site.applied" in verbs


def test_suspending_a_site_needs_a_reason(site, supervisor):
    with override("zh-hans"), pytest.raises(ValidationFailed) as exc:
        services.site_set_status(site=site, to="suspended", reason=" ", actor=supervisor)
    assert "reason" in exc.value.fields and "必填" in exc.value.fields["reason"][0]
    services.site_set_status(site=site, to="suspended", reason="检出禁用药物", actor=supervisor)
    assert ExportSite.objects.get().status_reason == "检出禁用药物"


def test_a_cancelled_site_cannot_be_registered_again(site, supervisor):
    services.site_set_status(site=site, to="cancelled", reason="不符合注册条件", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.site_set_status(site=site, to="registered", actor=supervisor)


def test_an_enterprise_cannot_apply_for_another_enterprise(exporter, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    stranger = make_user("enterprise", None, EnterpriseFactory(org=orgs["WJD"]))
    with pytest.raises(PermissionDenied):
        _apply(exporter, stranger)
    assert not ExportSite.objects.exists()


def test_a_supervisor_of_another_unit_cannot_review_the_site(site, other_supervisor):
    with pytest.raises(PermissionDenied):
        services.site_set_status(site=site, to="suspended", reason="x", actor=other_supervisor)


def test_an_unknown_commodity_or_destination_is_named(exporter, exporter_user):
    with pytest.raises(ValidationFailed) as exc:
        _apply(exporter, exporter_user, commodities=["999999"], destinations=["XX"])
    assert {"commodities", "destinations"} <= set(exc.value.fields)
    assert not ExportSite.objects.exists()


def test_the_annual_review_moves_the_next_review_a_year_on(site, supervisor):
    services.site_annual_review(site=site, reviewed_on=TODAY(), actor=supervisor)
    site.refresh_from_db()
    assert site.review_due == services.sites.next_review(TODAY())


# input records --------------------------------------------------------------------------------------------------


def _input(site, actor, **kwargs):
    fields = {
        "site": site,
        "kind": "pesticide",
        "product": "吡虫啉可湿性粉剂",
        "substance": "imidacloprid",
        "dose": "1.5",
        "unit": "kg/ha",
        "used_on": TODAY() - dt.timedelta(days=20),
        "actor": actor,
    }
    return services.input_record(**{**fields, **kwargs})


def test_the_enterprise_records_an_input_with_the_list_withdrawal_period(site, exporter_user):
    record = _input(site, exporter_user)
    assert record.withdrawal_days == 7 and record.entered_by == exporter_user


def test_the_inspector_records_an_input_too(site, inspector):
    assert _input(site, inspector, kind="vet_drug", substance="enrofloxacin").withdrawal_days == 8


@pytest.mark.parametrize(
    ("field", "change", "words"),
    [
        ("substance", {"substance": "unobtainium"}, "未知"),
        ("dose", {"dose": "-2"}, "大于零"),
        ("dose", {"dose": "0"}, "大于零"),
        ("used_on", {"used_on": dt.date(2999, 1, 1)}, "晚于今天"),
        ("substance", {"substance": ""}, "有效成分"),
        ("substance", {"substance": "enrofloxacin"}, "不是"),
    ],
)
def test_bad_input_records_are_refused_with_the_field_named_in_chinese(
    site, exporter_user, field, change, words
):
    with override("zh-hans"), pytest.raises(ValidationFailed) as exc:
        _input(site, exporter_user, **change)
    assert field in exc.value.fields and words in exc.value.fields[field][0], exc.value.fields
    assert not InputRecord.objects.exists()


def test_another_enterprise_cannot_record_inputs_of_the_site(site, make_user, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    stranger = make_user("enterprise", None, EnterpriseFactory(org=orgs["WJD"]))
    with pytest.raises(PermissionDenied):
        _input(site, stranger)


# batches --------------------------------------------------------------------------------------------------------


def _batch(site, actor, **kwargs):
    fields = {
        "site": site,
        "commodity": "081090",
        "quantity": "5000",
        "harvested_on": TODAY() - dt.timedelta(days=1),
        "destination": "HK",
        "actor": actor,
    }
    return services.batch_record(**{**fields, **kwargs})


def test_a_clean_batch_is_numbered_and_not_flagged(site, exporter_user):
    make_input(site, days_ago=30, withdrawal_days=7)
    batch = _batch(site, exporter_user)
    assert batch.number.startswith("PCWJD") and not batch.flagged and batch.flag_reasons == []


def test_a_drug_inside_its_withdrawal_period_flags_the_batch(site, exporter_user):
    make_input(site, kind="vet_drug", substance="florfenicol", days_ago=5, withdrawal_days=14)
    batch = _batch(site, exporter_user)
    assert batch.flagged and batch.flag_reasons[0]["code"] == "withdrawal"
    with override("zh-hans"):
        assert "休药期" in flag_text(batch.flag_reasons[0])


def test_a_substance_banned_for_the_destination_flags_the_batch(site, exporter_user):
    make_input(site, kind="vet_drug", substance="malachite_green", days_ago=60, withdrawal_days=0)
    batch = _batch(site, exporter_user)
    assert [r["code"] for r in batch.flag_reasons] == ["banned"]


def test_a_late_input_record_flags_the_batch_it_concerns(site, exporter_user):
    batch = _batch(site, exporter_user)
    _input(site, exporter_user, used_on=TODAY() - dt.timedelta(days=3))  # imidacloprid, 7 days
    batch.refresh_from_db()
    assert batch.flagged


@pytest.mark.parametrize("status", ["suspended", "cancelled", "applied"])
def test_a_batch_of_a_site_not_registered_is_refused_naming_the_site(exporter, exporter_user, status):
    site = make_site(exporter, status=status, number=f"SZCK{status}")
    with override("zh-hans"), pytest.raises(ValidationFailed) as exc:
        _batch(site, exporter_user)
    assert "site" in exc.value.fields and "注册" in exc.value.fields["site"][0]
    assert not ProductionBatch.objects.exists()


def test_a_batch_outside_the_registered_scope_is_refused(site, exporter_user):
    from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory

    HsCodeFactory(code="070200", name_en="Tomatoes")
    CountryFactory(code="US", alpha3="USA")
    with pytest.raises(ValidationFailed) as exc:
        _batch(site, exporter_user, commodity="070200", destination="US", quantity="-1")
    assert {"commodity", "destination", "quantity"} <= set(exc.value.fields)


# declarations and loading -----------------------------------------------------------------------------------------


def test_the_declarant_names_its_batches_on_the_export_declaration(site, exporter, exporter_user, orgs):
    declaration = export_declaration(orgs["WJD"], exporter)
    batch = make_batch(site)
    services.declaration_batches_attach(declaration=declaration, batches=[batch], actor=exporter_user)
    services.declaration_batches_attach(declaration=declaration, batches=[batch], actor=exporter_user)
    assert batches_of_declaration(declaration) == [batch] and DeclarationBatch.objects.count() == 1


def test_a_batch_of_another_enterprise_is_refused(site, exporter, orgs, inspector):
    from guomen.registry.tests.factories import EnterpriseFactory

    declaration = export_declaration(orgs["WJD"], EnterpriseFactory(org=orgs["WJD"]))
    with pytest.raises(ValidationFailed) as exc:
        services.declaration_batches_attach(
            declaration=declaration, batches=[make_batch(site)], actor=inspector
        )
    assert "batches" in exc.value.fields


def test_supervised_loading_with_a_valid_container_and_photos(site, exporter, orgs, inspector):
    declaration = export_declaration(orgs["WJD"], exporter, status="under_inspection")
    loading = services.loading_record(
        declaration=declaration,
        container_number="csqu 305438 3",
        seal_number="sz123456",
        photos=[jpeg_with_exif()],
        actor=inspector,
    )
    assert loading.container_number == "CSQU3054383" and loading.seal_number == "SZ123456"
    photo = loading.photos.get()
    assert max(photo.width, photo.height) == 1600 and b"SecretCam" not in photo.image.read()


def test_a_container_number_with_a_wrong_check_digit_is_refused(site, exporter, orgs, inspector):
    declaration = export_declaration(orgs["WJD"], exporter, status="under_inspection")
    with override("zh-hans"), pytest.raises(ValidationFailed) as exc:
        services.loading_record(
            declaration=declaration, container_number="CSQU3054384", seal_number="S1", actor=inspector
        )
    assert "container_number" in exc.value.fields and "集装箱" in exc.value.fields["container_number"][0]
    assert not LoadingRecord.objects.exists()


def test_an_enterprise_cannot_record_its_own_loading(site, exporter, exporter_user, orgs):
    declaration = export_declaration(orgs["WJD"], exporter, status="under_inspection")
    with pytest.raises(PermissionDenied):
        services.loading_record(
            declaration=declaration, container_number="CSQU3054383", seal_number="S1", actor=exporter_user
        )
