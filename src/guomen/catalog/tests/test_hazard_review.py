"""The hazard review queue: foreign hazard names enter the lists only once an analyst accepts, merges or
rejects them; the maintained Chinese names; suggestions."""

import csv

import pytest
from django.test import Client
from django.urls import reverse
from stdnum import casrn

from guomen.accounts.choices import Role
from guomen.catalog import selectors, services
from guomen.catalog.choices import HazardKind
from guomen.catalog.hazard_names import NAMES_FILE, known_name
from guomen.catalog.models import Hazard, HazardSynonym
from guomen.catalog.tests.factories import HazardFactory
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.selectors import hazard_choices
from guomen.labs.choices import TestKind
from guomen.labs.selectors import analytes_for
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def pending(name="chlorpyrifos", **kw):
    return HazardFactory(
        code=f"rasff-{name[:20]}", name_en=name, name_zh=name, scientific_name="", needs_review=True, **kw
    )


def test_the_names_file_gives_chinese_names_and_valid_cas_numbers():
    with NAMES_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 200
    assert all(any("\u3400" <= c <= "\u9fff" for c in r["name_zh"]) for r in rows)
    assert all(r["kind"] in HazardKind.values for r in rows)
    assert all(casrn.is_valid(r["cas"]) for r in rows if r["cas"])


def test_known_name_folds_case_and_qualifiers_and_reads_cas_numbers():
    assert known_name("Salmonella spp.").name_zh == "沙门氏菌"
    assert known_name("CHLORPYRIFOS").name_zh == "毒死蜱"
    assert known_name("unnamed substance (CAS 2921-88-2)").name_zh == "毒死蜱"
    assert known_name("something nobody listed") is None


def test_pending_hazards_are_offered_neither_to_inspectors_nor_to_the_lab(orgs):
    hazard = pending(kind=HazardKind.PESTICIDE_RESIDUE)
    _concern, others = hazard_choices([])
    assert hazard not in others
    assert hazard not in analytes_for(TestKind.PESTICIDE_RESIDUES)


def test_accepting_puts_the_hazard_in_the_lists_under_its_chinese_name(orgs, analyst):
    hazard = pending(kind=HazardKind.PESTICIDE_RESIDUE)
    services.hazard_accept(
        hazard=hazard, data={"name_zh": "毒死蜱", "cas_number": "2921-88-2"}, actor=analyst
    )
    hazard.refresh_from_db()
    assert (hazard.needs_review, hazard.name_zh, hazard.cas_number) == (False, "毒死蜱", "2921-88-2")
    assert hazard in analytes_for(TestKind.PESTICIDE_RESIDUES)
    assert AuditEvent.objects.filter(verb="hazard.accept", object_id=str(hazard.pk)).exists()


def test_accepting_without_a_chinese_name_names_the_field(orgs, analyst):
    with pytest.raises(ValidationFailed) as caught:
        services.hazard_accept(hazard=pending(), data={"name_zh": "chlorpyrifos"}, actor=analyst)
    assert "name_zh" in caught.value.fields


def test_a_bad_cas_number_is_refused(orgs, analyst):
    with pytest.raises(ValidationFailed) as caught:
        services.hazard_accept(
            hazard=pending(), data={"name_zh": "毒死蜱", "cas_number": "2921-88-3"}, actor=analyst
        )
    assert "cas_number" in caught.value.fields


def test_a_hazard_is_reviewed_once(orgs, analyst):
    hazard = pending()
    services.hazard_accept(hazard=hazard, data={"name_zh": "毒死蜱"}, actor=analyst)
    with pytest.raises(Conflict):
        services.hazard_reject(hazard=hazard, reason="重复", actor=analyst)


def test_rejecting_keeps_it_out_of_the_lists_and_the_queue(orgs, analyst):
    hazard = pending()
    services.hazard_reject(hazard=hazard, reason="不是危害，是标签问题的描述", actor=analyst)
    assert not selectors.hazard_review_queue(user=analyst).filter(pk=hazard.pk).exists()
    assert Hazard.objects.get(pk=hazard.pk).needs_review


def test_rejecting_needs_a_reason(orgs, analyst):
    with pytest.raises(ValidationFailed) as caught:
        services.hazard_reject(hazard=pending(), reason=" ", actor=analyst)
    assert "reason" in caught.value.fields


def test_merging_moves_the_records_and_keeps_the_spelling(orgs, analyst):
    from guomen.risk.models import ForeignNotification

    target = HazardFactory(
        code="salmonella", name_zh="沙门氏菌", name_en="Salmonella", kind=HazardKind.MICROBIOLOGICAL
    )
    hazard = pending("Salmonella spp.")
    notification = ForeignNotification.objects.create(reference="2025.0001", subject="Salmonella in chicken")
    notification.hazards.add(hazard)
    services.hazard_merge(hazard=hazard, into=target, actor=analyst)
    assert list(notification.hazards.all()) == [target]
    assert not Hazard.objects.filter(pk=hazard.pk).exists()
    assert HazardSynonym.objects.filter(hazard=target, text="Salmonella spp.").exists()
    assert AuditEvent.objects.filter(verb="hazard.merge", object_id=str(target.pk)).exists()


def test_a_merged_spelling_lands_on_its_hazard_at_the_next_import(orgs, analyst, tmp_path):
    from guomen.catalog.loaders import load_countries, load_groups
    from guomen.risk.models import ForeignNotification
    from guomen.risk.rasff import rasff_import

    load_groups()
    load_countries()
    target = HazardFactory(
        code="salmonella", name_zh="沙门氏菌", name_en="Salmonella", kind=HazardKind.MICROBIOLOGICAL
    )
    services.hazard_merge(hazard=pending("Salmonella spp"), into=target, actor=analyst)
    path = tmp_path / "rasff.csv"
    path.write_text(
        "reference,subject,date,classification,origin,hazards,category\n"
        "2025.0100,Salmonella in chicken from Brazil,2025-04-01,alert notification,Brazil,Salmonella spp,"
        "poultry meat and poultry meat products\n",
        encoding="utf-8",
    )
    before = Hazard.objects.count()
    rasff_import(path=path)
    assert Hazard.objects.count() == before
    assert list(ForeignNotification.objects.get(reference="2025.0100").hazards.all()) == [target]


def test_an_imported_hazard_gets_its_chinese_name_from_the_standards(orgs, tmp_path):
    from guomen.catalog.loaders import load_countries, load_groups
    from guomen.risk.rasff import rasff_import

    load_groups()
    load_countries()
    path = tmp_path / "rasff.csv"
    path.write_text(
        "reference,subject,date,classification,origin,hazards,category\n"
        "2025.0101,Chlorpyrifos in durian from Thailand,2025-04-01,alert notification,Thailand,chlorpyrifos,"
        "fruits and vegetables\n",
        encoding="utf-8",
    )
    rasff_import(path=path)
    hazard = Hazard.objects.get(name_en="chlorpyrifos")
    assert (hazard.name_zh, hazard.kind, hazard.needs_review) == (
        "毒死蜱",
        HazardKind.PESTICIDE_RESIDUE,
        True,
    )


def test_suggestions_offer_the_hazard_with_the_same_name(orgs, analyst):
    target = HazardFactory(
        code="salmonella", name_zh="沙门氏菌", name_en="Salmonella", kind=HazardKind.MICROBIOLOGICAL
    )
    HazardFactory(code="lm", name_zh="单核细胞增生李斯特氏菌", name_en="Listeria monocytogenes")
    [row] = selectors.hazard_review_rows([pending("Salmonella spp.")])
    assert [h for h, _s in row["suggestions"]][:1] == [target]
    assert row["known"].name_zh == "沙门氏菌"


def test_only_catalogue_editors_review(orgs, inspector):
    with pytest.raises(PermissionDenied):
        services.hazard_accept(hazard=pending(), data={"name_zh": "毒死蜱"}, actor=inspector)


@pytest.mark.parametrize("role", [None, Role.INSPECTOR, Role.LAB_ANALYST, Role.ENTERPRISE])
def test_the_queue_is_closed_to_others(orgs, make_user, role):
    hazard = pending()
    client = Client()
    if role is not None:
        enterprise = EnterpriseFactory(org=orgs["SZ"]) if role == Role.ENTERPRISE else None
        org = None if enterprise else orgs["WJD"]
        client.force_login(make_user(role, org, enterprise, username=f"u_{role}"))
    page = client.get(reverse("catalog:hazard_review"))
    act = client.post(
        reverse("catalog:hazard_review_act", args=[hazard.pk]), {"action": "reject", "reason": "x"}
    )
    expected = 302 if role is None else 403
    assert (page.status_code, act.status_code) == (expected, expected)
    assert Hazard.objects.get(pk=hazard.pk).rejected_at is None


def test_the_analyst_accepts_from_the_page(orgs, analyst):
    hazard = pending()
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("catalog:hazard_review")).content.decode()
    assert "毒死蜱" in page and "chlorpyrifos" in page
    response = client.post(
        reverse("catalog:hazard_review_act", args=[hazard.pk]), {"action": "accept", "name_zh": "毒死蜱"}
    )
    assert response.status_code == 302
    assert not Hazard.objects.get(pk=hazard.pk).needs_review


def test_a_failed_action_says_why_and_changes_nothing(orgs, analyst):
    hazard = pending()
    client = Client()
    client.force_login(analyst)
    response = client.post(
        reverse("catalog:hazard_review_act", args=[hazard.pk]),
        {"action": "accept", "name_zh": "abc"},
        follow=True,
    )
    assert "请填写该危害的中文名称" in response.content.decode()
    assert Hazard.objects.get(pk=hazard.pk).needs_review


def test_accepting_under_a_chinese_name_already_in_the_lists_asks_for_a_merge(orgs, analyst):
    HazardFactory(
        code="salmonella", name_zh="沙门氏菌", name_en="Salmonella", kind=HazardKind.MICROBIOLOGICAL
    )
    with pytest.raises(ValidationFailed) as caught:
        services.hazard_accept(hazard=pending("Salmonella spp."), data={"name_zh": "沙门氏菌"}, actor=analyst)
    assert "name_zh" in caught.value.fields
