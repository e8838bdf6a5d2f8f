"""RASFF exports in the layouts seen in public import as they come: samples made from their documented columns."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from guomen.catalog.loaders import load_countries, load_groups
from guomen.catalog.models import Country
from guomen.core.errors import ValidationFailed
from guomen.risk.models import CommodityMapping, ForeignNotification
from guomen.risk.rasff import rasff_import
from guomen.risk.services import mapping_update

pytestmark = pytest.mark.django_db

# The 2019 yearly export: semicolon-separated, an unnamed index column, Spanish-influenced names.
LAYOUT_2019 = (
    ";NUMBER;CLASSIF;DATE_CASE;REF;NOT_COUNTRY;SUBJET;PROD_CAT;TYPE;RISK_DECISION;ACTION_TAKEN;"
    "DISTRIBUTION_STAT;PRODUCT;HAZARDS;HAZARDS_CAT;COUNT_ORIGEN;COUNT_DESTIN;COUNT_CONCERN;INTERNAL_NOTE\n"
    "0;1.0;alert;2019-09-13;2019.3276;Bulgaria;aflatoxins in dried figs from Turkey;"
    "nuts, nut products and seeds;food;serious;destruction;product not (yet) placed on the market;dried figs;"
    "aflatoxins;mycotoxins;Turkey;Bulgaria;;checked\n"
    "1;3.0;border rejection;2019-09-12;2019.3262;Greece;"
    '"ochratoxin A (12; 15 µg/kg - ppb) in dried apricots from Turkey";nuts, nut products and seeds;food;'
    "not serious;import not authorised;product not (yet) placed on the market;dried apricots;ochratoxin A;"
    "mycotoxins;Turkey;;;\n"
    "2;5.0;information for attention;2019-09-11;2019.3270;Poland;vitamin overdose in food supplement from "
    "Czech Republic;dietetic foods, food supplements, fortified foods;food;undecided;informing authorities;"
    "distribution restricted to notifying country;capsules;vitamin D;composition;Czech Republic;;;\n"
)
CURRENT = (
    "Reference,Category,Type,Subject,Date,Notifying country,Classification,Risk decision,Distribution,"
    "For attention,For follow-up,Operator,Origin,Hazards\n"
    "2025.1001,fruits and vegetables,food,Chlorpyrifos in mandarins from Türkiye,03-02-2025 10:00:00,Bulgaria,"
    "alert notification,serious,distribution to other member countries,,,,Türkiye,chlorpyrifos\n"
)


@pytest.fixture
def catalogue(db):
    load_groups()
    load_countries()


def write(tmp_path, text: str, name: str = "rasff.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_2019_semicolon_layout_imports_with_turkey_as_origin(catalogue, tmp_path):
    report = rasff_import(path=write(tmp_path, LAYOUT_2019))
    assert (report.created, report.errors, report.delimiter) == (3, [], ";")
    figs = ForeignNotification.objects.get(reference="2019.3276")
    assert list(figs.origins.values_list("code", flat=True)) == ["TR"]
    assert (figs.subject, figs.notifying_country, figs.category) == (
        "aflatoxins in dried figs from Turkey",
        "Bulgaria",
        "nuts, nut products and seeds",
    )
    assert figs.commodity_group_id == "nuts_dried"


def test_2019_layout_lists_the_unknown_columns_and_keeps_them(catalogue, tmp_path):
    report = rasff_import(path=write(tmp_path, LAYOUT_2019))
    assert report.unmapped_columns == ["（无名列 1）", "NUMBER", "INTERNAL_NOTE"]
    figs = ForeignNotification.objects.get(reference="2019.3276")
    assert figs.extra["INTERNAL_NOTE"] == "checked"
    assert figs.extra["action_taken"] == "destruction"
    assert ("采取的措施", "destruction") in figs.extra_items


def test_2019_classifications_join_the_current_vocabulary(catalogue, tmp_path):
    rasff_import(path=write(tmp_path, LAYOUT_2019))
    rasff_import(path=write(tmp_path, CURRENT, name="current.csv"))
    classes = dict(ForeignNotification.objects.values_list("reference", "classification"))
    assert classes["2019.3276"] == classes["2025.1001"] == "alert"
    assert classes["2019.3262"] == "border_rejection"
    assert ForeignNotification.objects.get(reference="2019.3276").classification_label == "预警通报"


def test_2019_category_without_and_maps_to_a_group(catalogue, tmp_path):
    rasff_import(path=write(tmp_path, LAYOUT_2019))
    supplement = ForeignNotification.objects.get(reference="2019.3270")
    assert supplement.commodity_group_id == "processed_food"
    assert supplement.origins.get().code == "CZ"
    assert supplement.risk_decision_label == "未定"


def test_current_portal_layout_reads_day_first_dates(catalogue, tmp_path):
    rasff_import(path=write(tmp_path, CURRENT))
    notification = ForeignNotification.objects.get()
    assert notification.notified_at.date().isoformat() == "2025-02-03"
    assert notification.origins.get().code == "TR"


def test_windows_1252_file_is_read_with_its_accents(catalogue, tmp_path):
    text = LAYOUT_2019.replace("from Turkey;", "from Côte d'Ivoire;").replace(";Turkey;", ";Côte d’Ivoire;")
    report = rasff_import(path=write(tmp_path, text.replace("’", "'").replace("µ", "u"), encoding="cp1252"))
    assert report.encoding == "cp1252"
    figs = ForeignNotification.objects.get(reference="2019.3276")
    assert figs.subject.endswith("Côte d'Ivoire")
    assert figs.origins.get().code == "CI"


def test_gb18030_tab_separated_file_with_chinese_country_names(catalogue, tmp_path):
    text = "编号\tREF\tSUBJECT\tDATE\tORIGIN\n1\t2025.2001\t榴莲中检出毒死蜱\t2025-04-01\t土耳其\n"
    report = rasff_import(path=write(tmp_path, text, encoding="gb18030"))
    assert (report.encoding, report.delimiter, report.created) == ("gb18030", "\t", 1)
    assert ForeignNotification.objects.get().origins.get().code == "TR"


def test_file_whose_columns_map_to_nothing_names_delimiter_and_columns(catalogue, tmp_path):
    path = write(tmp_path, "Nummer|Betreff|Datum\n1|x|2025-01-01\n")
    with pytest.raises(ValidationFailed) as exc:
        rasff_import(path=path)
    message = exc.value.fields["path"][0]
    assert "分隔符" in message and "“|”" in message
    assert "“Nummer”、“Betreff”、“Datum”" in message


def test_unknown_origin_is_queued_once_and_mapped_by_an_analyst(catalogue, tmp_path, rw):
    body = CURRENT.replace("Türkiye,chlorpyrifos", "Republic of Ruritania,chlorpyrifos")
    report = rasff_import(path=write(tmp_path, body))
    assert report.unmapped_origins == ["republic of ruritania"]
    rasff_import(path=write(tmp_path, body.replace("2025.1001", "2025.1002"), name="again.csv"))
    mapping = CommodityMapping.objects.get(kind="origin")
    assert (mapping.text, mapping.country_id) == ("republic of ruritania", None)
    mapping_update(mapping=mapping, actor=rw["analyst"], country=Country.objects.get(code="RS"))
    linked = ForeignNotification.objects.filter(origins__code="RS").count()
    third = rasff_import(path=write(tmp_path, body.replace("2025.1001", "2025.1003"), name="third.csv"))
    assert linked == 2
    assert third.unmapped_origins == []
    assert ForeignNotification.objects.get(reference="2025.1003").origins.get().code == "RS"


def test_dry_run_prints_the_mapping_and_stores_nothing(catalogue, tmp_path):
    out = io.StringIO()
    call_command("import-rasff", str(write(tmp_path, LAYOUT_2019)), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "SUBJET → subject" in text and "COUNT_ORIGEN → origin_text" in text
    assert "试运行" in text and "新导入 3 条" in text
    assert "INTERNAL_NOTE" in text
    assert ForeignNotification.objects.count() == 0
    assert not CommodityMapping.objects.exists()


def test_xlsx_sheet_imports_like_a_csv(catalogue, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["REF", "DATE_CASE", "SUBJET", "PROD_CAT", "COUNT_ORIGEN", "CLASSIF"])
    sheet.append(
        [
            "2019.0001",
            "2019-01-02",
            "Salmonella in chicken from Swaziland",
            "poultry meat and poultry meat products",
            "Swaziland",
            "alert",
        ]
    )
    book.save(tmp_path / "rasff.xlsx")
    rasff_import(path=tmp_path / "rasff.xlsx")
    notification = ForeignNotification.objects.get()
    assert (notification.origins.get().code, notification.commodity_group_id) == ("SZ", "meat")


def test_notification_filter_offers_both_vocabularies_under_chinese_names(catalogue, tmp_path, rw, client):
    rasff_import(path=write(tmp_path, LAYOUT_2019))
    client.force_login(rw["analyst"])
    page = client.get(reverse("risk:notification_list"), {"classification": "alert"}).content.decode()
    assert '<option value="alert" selected>预警通报</option>' in page
    assert "2019.3276" in page and "2019.3262" not in page


def test_hazard_names_with_commas_inside_brackets_or_numbers_stay_whole():
    from guomen.risk.rasff_mapping import hazard_names

    text = "diphenyl(2,4,6-trimethylbenzoyl)phosphine oxide, 2,4-D  unauthorised substance,Salmonella"
    assert hazard_names(text) == ["diphenyl(2,4,6-trimethylbenzoyl)phosphine oxide", "2,4-D", "Salmonella"]


def test_another_countrys_list_imports_with_a_mapping_that_is_saved_and_reused(catalogue, tmp_path):
    text = "Nummer|Betreff|Datum|Herkunft\n2025.3001|Salmonellen in Geflügel|2025-05-02|Türkei\n"
    saved = tmp_path / "mapping.json"
    call_command(
        "import-rasff",
        str(write(tmp_path, text)),
        "--map",
        "reference=Nummer",
        "--map",
        "subject=Betreff",
        "--map",
        "notified_at=Datum",
        "--map",
        "origin_text=Herkunft",
        "--save-mapping",
        str(saved),
        stdout=io.StringIO(),
    )
    second = write(tmp_path, text.replace("2025.3001", "2025.3002"), name="second.csv")
    call_command("import-rasff", str(second), "--mapping", str(saved), stdout=io.StringIO())
    subjects = dict(ForeignNotification.objects.values_list("reference", "subject"))
    assert subjects == {"2025.3001": "Salmonellen in Geflügel", "2025.3002": "Salmonellen in Geflügel"}
    assert CommodityMapping.objects.get(kind="origin").text == "türkei"


def test_a_mapping_naming_an_unknown_field_is_refused(catalogue, tmp_path):
    with pytest.raises(ValidationFailed) as exc:
        rasff_import(path=write(tmp_path, CURRENT), mapping={"colour": "Reference"})
    assert "colour" in exc.value.fields["mapping"][0]
