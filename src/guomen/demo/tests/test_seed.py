"""The seeded demo bureau looks like a real one: every role, valid codes, requirements, learnable outcomes."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils import timezone
from stdnum.cn import uscc

from guomen.accounts.auth import user_for_key
from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.catalog.models import ImportRequirement
from guomen.core.audit import audit_seal_all, audit_verify
from guomen.core.models import AuditEvent
from guomen.declarations.models import Declaration
from guomen.inspections.models import InspectionTask
from guomen.registry.models import Enterprise, ProductionBase


def nc_rate(queryset) -> float:
    """Share of inspected declarations found non-conforming."""
    stats = queryset.exclude(outcome="").aggregate(
        n=Count("id", distinct=True), bad=Count("id", distinct=True, filter=Q(outcome="non_conforming"))
    )
    return stats["bad"] / stats["n"] if stats["n"] else 0.0


def test_every_role_has_a_demo_user(seeded, db):
    roles = set(User.objects.exclude(role=Role.SYSTEM).values_list("role", flat=True))

    assert roles == {r.value for r in Role} - {Role.SYSTEM}


def test_the_enterprise_user_belongs_to_an_importer(seeded, db):
    user = User.objects.get(username="enterprise_demo")

    assert user.enterprise.kind == "importer"


def test_about_a_hundred_enterprises_all_with_valid_credit_codes(seeded, db):
    codes = list(Enterprise.objects.values_list("uscc", flat=True))

    assert 100 <= len(codes) <= 120  # the master data, plus the special and certification demos' firms
    assert all(uscc.is_valid(code) for code in codes)


def test_credit_grades_spread_over_the_scale(seeded, db):
    grades = set(Enterprise.objects.values_list("credit_grade", flat=True))

    assert {"AA", "A", "B", "C"} <= grades


def test_thai_durian_requirement_names_both_planococcus_mealybugs(seeded, db):
    requirement = ImportRequirement.objects.get(hs_id="081060", origin_id="TH")
    pests = {p.scientific_name: p.name_zh for p in requirement.pests.all()}

    assert pests["Planococcus lilacinus"] == "南洋臀纹粉蚧"
    assert pests["Planococcus minor"] == "大洋臀纹粉蚧"
    assert requirement.marking == "输往中华人民共和国"
    assert requirement.registered_base_required


def test_south_african_citrus_needs_cold_treatment(seeded, db):
    requirement = ImportRequirement.objects.get(hs_id="080510", origin_id="ZA")

    assert "冷处理" in requirement.required_treatment


def test_some_production_bases_are_suspended(seeded, db):
    assert ProductionBase.objects.filter(status="suspended").count() >= 2
    assert ProductionBase.objects.filter(country_id="CN", name__contains="供港蔬菜").exists()


def test_bad_orchards_fail_more_often_than_the_bureau_average(seeded, db):
    bad = Declaration.objects.filter(lines__production_bases__code__in=seeded.bad_bases)

    assert nc_rate(bad) > 2 * nc_rate(Declaration.objects.all())


def test_origin_matters_for_non_conformity(seeded, db):
    assert nc_rate(Declaration.objects.filter(origin_country_id="VN")) > nc_rate(
        Declaration.objects.filter(origin_country_id="NZ")
    )


def test_poor_credit_grades_fail_more_often(seeded, db):
    poor = Declaration.objects.filter(consignee__credit_grade__in=["C", "D"])
    good = Declaration.objects.filter(consignee__credit_grade="AA")

    assert nc_rate(poor) > nc_rate(good)


def test_history_covers_two_years_up_to_yesterday(seeded, db):
    today = timezone.localdate()
    past = Declaration.objects.exclude(arrival_date=today)

    assert past.earliest("arrival_date").arrival_date <= today - dt.timedelta(days=700)
    assert past.latest("arrival_date").arrival_date == today - dt.timedelta(days=1)


def test_history_numbers_and_totals_follow_the_intake_rules(seeded, db):
    for declaration in Declaration.objects.annotate(lines_value=Sum("lines__value")).order_by("?")[:40]:
        day = timezone.localtime(declaration.submitted_at).strftime("%Y%m%d")
        assert declaration.number == f"{declaration.port.code}{day}{declaration.number[-6:]}"
        assert declaration.total_value == declaration.lines_value
        assert len(declaration.verification_code) == 6


def test_every_port_has_inspection_tasks_today(seeded, db):
    today = timezone.localdate()
    ports = set(
        InspectionTask.objects.filter(declaration__arrival_date=today).values_list("port__code", flat=True)
    )

    assert ports == set(seeded.summary()["ports"])


def test_a_released_consignment_today_shows_its_whole_chain(seeded, db):
    declaration = (
        Declaration.objects.get(  # the one confirmed for release (the export chain's is treated first)
            port__code="WJD",
            arrival_date=timezone.localdate(),
            status="released",
            inspection_tasks__disposition="release",
        )
    )
    verbs = list(
        AuditEvent.objects.filter(object_type="declarations.declaration", object_id=str(declaration.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )

    assert verbs[0] == "declaration.submitted"
    assert verbs[-1] == "declaration.released"
    assert "declaration.pending_disposition" in verbs


def test_audit_chain_of_the_seeded_bureau_verifies(seeded, db, audit_anchor):
    audit_seal_all()

    result = audit_verify(full=True)

    assert result.checked > 0
    assert result.problems == []


def test_summary_has_the_documented_keys(seeded, db):
    summary = seeded.summary()

    assert set(summary) == {"api_key", "ports", "enterprises", "production_bases", "users"}
    assert set(summary["enterprises"][0]) == {"uscc", "name"}
    assert set(summary["users"][0]) == {"username", "password", "role", "org"}
    assert "WJD" in summary["ports"]


def test_summary_api_key_authenticates_a_system_client_of_wenjindu(seeded, db):
    user = user_for_key(seeded.summary()["api_key"])

    assert user.role == Role.SYSTEM
    assert user.org.code == "WJD"


def test_master_data_is_entered_by_the_administrator_with_audit_events(seeded, db):
    enterprise = Enterprise.objects.order_by("id").first()
    event = AuditEvent.objects.get(verb="enterprise.create", object_id=str(enterprise.pk))

    assert event.actor.username == "admin_gacc"


def test_a_suspended_orchard_carries_the_reason_on_its_timeline(seeded, db):
    base = ProductionBase.objects.filter(status="suspended").order_by("code").first()
    event = AuditEvent.objects.get(verb="production_base.suspended", object_id=str(base.pk))

    assert event.reason == base.status_reason != ""


def test_the_demo_has_a_fumigated_export_whose_ephyto_states_it(seeded, db):
    from guomen.certificates.models import ExportCertificate
    from guomen.certificates.services import certificate_ephyto_bytes

    certificate = ExportCertificate.objects.get(
        kind="phytosanitary",
        declaration__inspection_tasks__disposition="treatment",
        declaration__foreign_consignee_name="Wing Fat Fruit Trading Ltd.",  # the export chain's lychees
    )
    xml = certificate_ephyto_bytes(certificate).decode()
    assert "AppliedSPSProcess" in xml and "Methyl bromide" in xml
    assert certificate.declaration.foreign_consignee_name in xml
