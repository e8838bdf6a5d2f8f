import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from guomen.catalog.bulk import run_kind_import, template_csv, template_xlsx
from guomen.catalog.imports import IMPORT_REQUIREMENTS
from guomen.catalog.models import ImportRequirement
from guomen.catalog.tests.factories import CountryFactory, HazardFactory, HsCodeFactory
from guomen.core.testing import make_uscc
from guomen.registry.imports import ENTERPRISES, PRODUCTION_BASES
from guomen.registry.models import Enterprise, ProductionBase

pytestmark = pytest.mark.django_db

HEADER = "uscc,name_zh,kind,org\n"


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_good_file_imports_every_row(orgs, supervisor):
    body = HEADER + f"{make_uscc(1)},甲公司,importer,WJD\n{make_uscc(2)},乙公司,进口商,SZ\n"
    report = run_kind_import(ENTERPRISES, data=_csv(body), filename="e.csv", actor=supervisor)
    assert (report.ok, report.created) == (True, 2)
    assert Enterprise.objects.get(uscc=make_uscc(2)).kind == "importer"


def test_file_with_bad_rows_imports_nothing_and_names_each_row(orgs, supervisor):
    bad_check = make_uscc(3)[:-1] + ("0" if make_uscc(3)[-1] != "0" else "1")
    body = (
        HEADER
        + f"{make_uscc(1)},甲公司,importer,WJD\n{bad_check},乙公司,importer,WJD\n{make_uscc(4)},,robot,NOPE\n"
    )
    with translation.override("en"):
        report = run_kind_import(ENTERPRISES, data=_csv(body), filename="e.csv", actor=supervisor)
    assert not report.ok
    assert Enterprise.objects.count() == 0
    problems = {(e.row, e.field) for e in report.errors}
    assert problems == {(3, "uscc"), (4, "name_zh"), (4, "kind"), (4, "org")}
    assert "check digit" in next(e.message for e in report.errors if e.row == 3)


def test_reimporting_updates_instead_of_duplicating(orgs, supervisor):
    body = HEADER + f"{make_uscc(1)},甲公司,importer,WJD\n"
    run_kind_import(ENTERPRISES, data=_csv(body), filename="e.csv", actor=supervisor)
    report = run_kind_import(
        ENTERPRISES, data=_csv(body.replace("甲公司", "甲公司（新）")), filename="e.csv", actor=supervisor
    )
    assert (report.created, report.updated) == (0, 1)
    assert Enterprise.objects.get().name_zh == "甲公司（新）"


def test_missing_required_column_refuses_the_file(orgs, supervisor):
    from guomen.core.tabular import BadImportFile

    with pytest.raises(BadImportFile):
        run_kind_import(ENTERPRISES, data=_csv("uscc,name_zh\nx,y\n"), filename="e.csv", actor=supervisor)


def test_chinese_headers_are_accepted_in_xlsx(orgs, supervisor):
    CountryFactory(code="TH")
    HsCodeFactory()
    book = Workbook()
    book.active.append(["注册编号", "类型", "名称", "国家/地区", "注册商品"])
    book.active.append(["GAP-TH-9", "果园", "尖竹汶榴莲园", "泰国", "081060"])
    out = io.BytesIO()
    book.save(out)
    with translation.override("zh-hans"):
        report = run_kind_import(PRODUCTION_BASES, data=out.getvalue(), filename="b.xlsx", actor=supervisor)
    assert report.ok, report.errors
    assert [h.code for h in ProductionBase.objects.get(code="GAP-TH-9").commodities.all()] == ["081060"]


def test_requirements_import_links_pests(orgs, analyst):
    CountryFactory(code="TH")
    HsCodeFactory()
    HazardFactory(code="PEST-PLALI")
    body = "hs_code,origin,pests,registered_base_required\n081060,TH,PEST-PLALI,是\n"
    report = run_kind_import(IMPORT_REQUIREMENTS, data=_csv(body), filename="r.csv", actor=analyst)
    assert report.ok, report.errors
    requirement = ImportRequirement.objects.get()
    assert requirement.registered_base_required is True
    assert [p.code for p in requirement.pests.all()] == ["PEST-PLALI"]


def test_templates_carry_the_column_keys():
    assert template_csv(ENTERPRISES).decode("utf-8-sig").strip() == ",".join(
        c.key for c in ENTERPRISES.columns
    )
    book = load_workbook(io.BytesIO(template_xlsx(PRODUCTION_BASES)))
    assert [c.value for c in book.worksheets[0][1]] == [c.key for c in PRODUCTION_BASES.columns]


def test_command_prints_the_report_and_fails_on_bad_rows(orgs, tmp_path, capsys):
    path = tmp_path / "e.csv"
    path.write_text(
        HEADER + f"{make_uscc(1)},甲公司,importer,WJD\n{make_uscc(2)},,importer,WJD\n", encoding="utf-8"
    )
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import-masterdata", "--kind", "enterprises", str(path))
    assert "Row 3" in capsys.readouterr().out
    assert Enterprise.objects.count() == 0


def test_command_imports_a_good_file(orgs, tmp_path, capsys):
    path = tmp_path / "e.csv"
    path.write_text(HEADER + f"{make_uscc(1)},甲公司,importer,WJD\n", encoding="utf-8")
    call_command("import-masterdata", "--kind", "enterprises", str(path))
    assert Enterprise.objects.count() == 1
    assert "1" in capsys.readouterr().out
