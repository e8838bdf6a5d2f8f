"""core.inserts: hot-path inserts store what the ORM would store, in one statement, and report taken values."""

import datetime as dt

import pytest
from django.db.models import Value

from guomen.core.models import IdempotencyRecord
from guomen.core.rows import insert, insert_unless_taken

pytestmark = pytest.mark.django_db


def _record(key: str, **fields) -> IdempotencyRecord:
    values = {"principal": "client", "endpoint": "POST /x", "request_hash": "h", "status_code": 201}
    return IdempotencyRecord(key=key, response={"号": "ZS1", "n": [1, 2]}, **{**values, **fields})


def test_rows_come_back_as_the_orm_reads_them():
    before = dt.datetime.now(dt.UTC)
    a, b = insert([_record("a"), _record("b", status_code=409)])
    stored = {r.key: r for r in IdempotencyRecord.objects.all()}
    assert stored["a"].response == {"号": "ZS1", "n": [1, 2]}
    assert stored["b"].status_code == 409
    assert stored["a"].created_at >= before - dt.timedelta(seconds=1)  # auto_now_add filled in
    assert {a.pk, b.pk} == {stored["a"].pk, stored["b"].pk}


def test_one_statement_for_many_rows(django_assert_num_queries):
    with django_assert_num_queries(1):
        insert([_record(str(n)) for n in range(5)])
    assert IdempotencyRecord.objects.count() == 5


def test_inserted_rows_count_as_saved():
    (row,) = insert([_record("a")])
    assert row._state.adding is False
    row.status_code = 500
    row.save(update_fields=["status_code"])
    assert IdempotencyRecord.objects.get(pk=row.pk).status_code == 500


def test_a_row_breaking_a_unique_rule_is_skipped_when_asked():
    insert([_record("a")])
    insert([_record("a", status_code=500), _record("b")], ignore_conflicts=True)
    assert sorted(IdempotencyRecord.objects.values_list("key", "status_code")) == [("a", 201), ("b", 201)]


def test_a_taken_value_is_reported_not_raised():
    assert insert_unless_taken(_record("a")) is True
    second = _record("a")
    assert insert_unless_taken(second) is False
    assert second.pk is None
    assert IdempotencyRecord.objects.count() == 1


def test_a_free_value_gets_its_key():
    row = _record("a")
    assert insert_unless_taken(row) is True
    assert IdempotencyRecord.objects.get(pk=row.pk).key == "a"


def test_an_expression_value_is_written_the_orm_way():
    insert([_record("a", status_code=Value(202))])  # not a plain value: bulk_create has it evaluated
    assert IdempotencyRecord.objects.get(key="a").status_code == 202
