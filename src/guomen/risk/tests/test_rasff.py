import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from guomen.catalog.loaders import load_countries, load_groups
from guomen.catalog.models import Hazard
from guomen.core.errors import ValidationFailed
from guomen.risk.models import CommodityMapping, ForeignNotification, RiskSignal
from guomen.risk.rasff import rasff_import
from guomen.risk.rasff_mapping import classification_code
from guomen.risk.selectors import foreign_notification_counts
from guomen.risk.services import mapping_update

pytestmark = pytest.mark.django_db

SHARED = Path(settings.SHARED_DATA_DIR) / "rasff" / "rasff_2024-01_2025-08.sqlite"
HEADER = "reference,category,type,subject,date,notifying_country,classification,risk_decision,origin,hazards,batch_note\n"


@pytest.fixture
def catalogue(db):
    load_groups()
    load_countries()


def write_csv(tmp_path, body: str, name: str = "rasff.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def source_counts() -> Counter:
    """Classification per reference in the export, the first row of a repeated reference counting."""
    con = sqlite3.connect(SHARED)
    seen, counts = set(), Counter()
    for reference, classification in con.execute(
        "SELECT reference, classification FROM rasff_notifications ORDER BY rowid"
    ):
        key = f"{reference:.4f}"
        if key not in seen:
            seen.add(key)
            counts[classification_code(classification)] += 1
    con.close()
    return counts


@pytest.mark.skipif(not SHARED.exists(), reason="shared RASFF export not present")
def test_shared_export_imports_with_the_sources_counts_by_classification(catalogue):
    report = rasff_import(path=SHARED)
    stored = Counter(ForeignNotification.objects.values_list("classification", flat=True))
    assert stored == source_counts()
    assert report.rows == 8413
    assert report.created + report.repeated == 8413
    assert report.errors == []


@pytest.mark.skipif(not SHARED.exists(), reason="shared RASFF export not present")
def test_shared_export_maps_china_and_creates_hazards_for_review(catalogue):
    rasff_import(path=SHARED)
    assert ForeignNotification.objects.filter(origins__code="CN").count() >= 500
    assert Hazard.objects.filter(needs_review=True, code__startswith="rasff-").exists()
    unmapped = ForeignNotification.objects.filter(commodity_group=None).count()
    assert unmapped < 20


@pytest.mark.skipif(not SHARED.exists(), reason="shared RASFF export not present")
def test_reimporting_the_same_file_adds_nothing(catalogue):
    rasff_import(path=SHARED)
    counts = (ForeignNotification.objects.count(), Hazard.objects.count(), CommodityMapping.objects.count())
    again = rasff_import(path=SHARED)
    assert (again.created, again.already) == (0, 8413)
    assert (
        ForeignNotification.objects.count(),
        Hazard.objects.count(),
        CommodityMapping.objects.count(),
    ) == counts


def test_csv_bad_rows_are_reported_with_reason_and_skipped(catalogue, tmp_path):
    path = write_csv(
        tmp_path,
        "2025.0001,fruits and vegetables,food,Chlorpyrifos in durian from Thailand,2025-03-01 10:00:00,France,"
        "alert notification,serious,Thailand,chlorpyrifos  unauthorised substance,lot 7\n"
        "not-a-ref,fruits and vegetables,food,x,2025-03-01,France,alert notification,serious,Thailand,,\n"
        "2025.0002,fish and fish products,food,Mercury in swordfish,yesterday,Italy,alert notification,serious,Spain,mercury,\n"
        "2025.0003,fish and fish products,food,,2025-03-02,Italy,alert notification,serious,Spain,mercury,\n",
    )
    report = rasff_import(path=path)
    assert report.created == 1
    assert [e["row"] for e in report.errors] == [3, 4, 5]
    reasons = [e["reason"] for e in report.errors]
    assert "not-a-ref" in reasons[0] and "RASFF" in reasons[0]
    assert "yesterday" in reasons[1]
    assert reasons[2] == "标题为空"


def test_csv_unknown_columns_are_kept_and_columns_matched_by_name(catalogue, tmp_path):
    path = tmp_path / "reordered.csv"
    path.write_text(
        "Subject,Reference,Date,Classification,Origin,Hazards,Category,Extra Column\n"
        "Salmonella in chicken from Brazil,2025.0100,2025-04-01,border rejection notification,Brazil,Salmonella,"
        "poultry meat and poultry meat products,kept\n",
        encoding="utf-8",
    )
    rasff_import(path=path)
    notification = ForeignNotification.objects.get(reference="2025.0100")
    assert notification.extra == {"Extra Column": "kept"}
    assert notification.classification == "border_rejection"
    assert notification.commodity_group_id == "meat"
    assert list(notification.origins.values_list("code", flat=True)) == ["BR"]


def test_a_reference_repeated_in_the_file_is_imported_once(catalogue, tmp_path):
    row = "2025.0200,confectionery,food,Sudan dye in candy,2025-05-01,Germany,alert notification,serious,India,Sudan 1,\n"
    report = rasff_import(path=write_csv(tmp_path, row + row.replace("2025-05-01", "2025-05-01 00:00:00")))
    assert (report.created, report.repeated) == (1, 1)


def test_mapping_uses_subject_words_to_refine_fruits_and_vegetables(catalogue, tmp_path):
    rasff_import(
        path=write_csv(
            tmp_path,
            "2025.0300,fruits and vegetables,food,Chlorpyrifos in durians from Thailand,2025-03-01,France,"
            "alert notification,serious,Thailand,chlorpyrifos,\n"
            "2025.0301,fruits and vegetables,food,Acetamiprid in chilli peppers from Türkiye,2025-03-01,Bulgaria,"
            "border rejection notification,serious,Türkiye,acetamiprid,\n",
        )
    )
    groups = dict(ForeignNotification.objects.values_list("reference", "commodity_group_id"))
    assert groups == {"2025.0300": "fresh_fruit", "2025.0301": "vegetables"}
    assert ForeignNotification.objects.get(reference="2025.0301").origins.get().code == "TR"


def test_unknown_category_is_queued_for_review_and_remapped_when_an_analyst_maps_it(
    catalogue, tmp_path, analyst
):
    report = rasff_import(
        path=write_csv(
            tmp_path,
            "2025.0400,space food,food,Odd product,2025-03-01,France,information notification for attention,"
            "not serious,China,,\n",
        )
    )
    assert report.unmapped_categories == ["space food"]
    mapping = CommodityMapping.objects.get(text="space food")
    assert (mapping.commodity_group_id, mapping.reviewed) == (None, False)
    from guomen.catalog.models import CommodityGroup

    mapping_update(
        mapping=mapping, actor=analyst, commodity_group=CommodityGroup.objects.get(code="processed_food")
    )
    assert ForeignNotification.objects.get(reference="2025.0400").commodity_group_id == "processed_food"


def test_hazards_are_matched_to_the_catalogue_or_created_for_review(catalogue, tmp_path):
    from guomen.catalog.tests.factories import HazardFactory

    known = HazardFactory(code="AFLA-B1", kind="contaminant", name_zh="黄曲霉毒素B1", name_en="Aflatoxin B1")
    rasff_import(
        path=write_csv(
            tmp_path,
            '2025.0500,"nuts, nut products and seeds",food,Aflatoxins in pistachios,2025-03-01,Spain,'
            'border rejection notification,serious,Iran,"Aflatoxin B1  ,aflatoxin total",\n',
        )
    )
    hazards = list(ForeignNotification.objects.get().hazards.order_by("id"))
    assert hazards[0] == known
    assert hazards[1].needs_review and hazards[1].kind == "contaminant"


def test_notifications_about_imported_origin_and_commodity_raise_signals(catalogue, tmp_path, rw):
    from guomen.declarations.tests.factories import DeclarationLineFactory

    DeclarationLineFactory(
        declaration__port=rw["WJD"], declaration__origin_country=rw["thailand"], hs=rw["durian"]
    )
    rasff_import(
        path=write_csv(
            tmp_path,
            "2025.0600,fruits and vegetables,food,Chlorpyrifos in durians from Thailand,2025-03-01,France,"
            "alert notification,serious,Thailand,chlorpyrifos,\n"
            "2025.0601,fruits and vegetables,food,Chlorpyrifos in mangoes from Peru,2025-03-01,France,"
            "alert notification,serious,Peru,chlorpyrifos,\n",
        )
    )
    signal = RiskSignal.objects.get(source="foreign_notification")
    assert signal.origin_id == "TH" and signal.commodity_group_id == "fresh_fruit"
    assert signal.org == rw["WJD"]
    assert signal.cluster is not None


def test_foreign_notification_counts_per_origin_and_group_since_a_date(catalogue, tmp_path):
    import datetime as dt

    rasff_import(
        path=write_csv(
            tmp_path,
            "2025.0700,fruits and vegetables,food,Pests in mangoes,2025-03-01,France,alert notification,serious,"
            '"Thailand,Vietnam",insects,\n'
            "2025.0701,fruits and vegetables,food,Pests in mango,2025-03-05,France,alert notification,serious,"
            "Thailand,insects,\n"
            "2025.0702,fruits and vegetables,food,Pests in mango,2024-01-05,France,alert notification,serious,"
            "Thailand,insects,\n",
        )
    )
    counts = foreign_notification_counts(since=dt.date(2025, 1, 1))
    assert counts == {("TH", "fresh_fruit"): 2, ("VN", "fresh_fruit"): 1}


def test_missing_file_is_a_clear_error(catalogue, tmp_path):
    with pytest.raises(ValidationFailed) as exc:
        rasff_import(path=tmp_path / "nope.sqlite")
    assert "path" in exc.value.fields


def test_command_prints_the_report(catalogue, tmp_path, capsys):
    path = write_csv(
        tmp_path,
        "2025.0800,confectionery,food,Sudan dye in candy,2025-05-01,Germany,alert notification,serious,India,Sudan 1,\n",
    )
    call_command("import-rasff", str(path))
    assert "新导入 1 条" in capsys.readouterr().out
