"""`guomen documents-import` and `guomen documents-search`, as an operator uses them."""

import io
import json

import pytest
from django.core.management import call_command

from guomen.documents.models import Document

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_import_indexes_the_files_as_an_upload_would_and_reports_the_state(tmp_path):
    path = tmp_path / "双随机一公开工作细则.txt"
    path.write_text(
        "本细则规定随机抽取检查对象、随机选派执法检查人员，抽查结果向社会公开。", encoding="utf-8"
    )
    out = io.StringIO()
    call_command("documents-import", str(path), "--kind", "notice", "--public", stdout=out)
    doc = Document.objects.get()
    assert (doc.title, doc.kind, doc.public, doc.index_state) == (
        "双随机一公开工作细则",
        "notice",
        True,
        "indexed",
    )
    assert "“双随机一公开工作细则”：已索引" in out.getvalue()


def test_import_without_a_worker_says_the_documents_are_queued(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    path = tmp_path / "a.txt"
    path.write_text("检验检疫", encoding="utf-8")
    out = io.StringIO()
    call_command("documents-import", str(path), "--kind", "notice", "--wait", "0", stdout=out)
    assert "已排队" in out.getvalue() and "guomen worker" in out.getvalue()


def test_search_prints_ranked_results_with_number_title_score_and_snippet():
    make_document(
        number="GB 2763-2021", kind="national_standard", title="食品中农药最大残留限量", text="农药残留限量"
    )
    out = io.StringIO()
    call_command("documents-search", "农药", stdout=out)
    text = out.getvalue()
    assert "共检索到 1 份文件" in text
    assert " 1. GB 2763-2021 食品中农药最大残留限量  [" in text and "【农药】" in text


def test_search_json_lists_the_same_results():
    make_document(title="进出口企业黑名单管理办法", text="列入黑名单的企业实施加严检验。")
    out = io.StringIO()
    call_command("documents-search", "黑名单", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["total"] == 1
    assert payload["results"][0]["title"] == "进出口企业黑名单管理办法"
    assert payload["results"][0]["score"] > 0
