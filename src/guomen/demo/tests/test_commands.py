"""seed-demo and demo-logins as a newcomer runs them (make demo)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from guomen.declarations.models import Declaration
from guomen.demo.services import seed_demo

from .conftest import bureau_digest

TINY = 300


def seed_command(*args) -> str:
    out = io.StringIO()
    call_command("seed-demo", "--declarations", str(TINY), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_same_seed_builds_the_same_bureau(db):
    digests = []
    for _run in range(2):
        with transaction.atomic():
            result = seed_demo(seed=11, declarations=TINY)
            digests.append((bureau_digest(), {k: v for k, v in result.summary().items() if k != "api_key"}))
            transaction.set_rollback(True)

    assert digests[0] == digests[1]


def test_another_seed_builds_another_bureau(db):
    digests = []
    for seed in (11, 12):
        with transaction.atomic():
            seed_demo(seed=seed, declarations=TINY)
            digests.append(bureau_digest())
            transaction.set_rollback(True)

    assert digests[0] != digests[1]


def test_seed_demo_writes_the_summary_json(db, tmp_path):
    path = tmp_path / "demo" / "summary.json"

    seed_command("--summary-json", str(path))

    summary = json.loads(path.read_text(encoding="utf-8"))
    assert set(summary) == {"api_key", "ports", "enterprises", "production_bases", "users"}
    assert {u["role"] for u in summary["users"]} >= {"inspector", "supervisor", "enterprise", "administrator"}


def test_seed_demo_prints_the_demo_logins(db):
    output = seed_command()

    assert "inspector_wjd" in output
    assert "guomen-demo" in output


def test_if_empty_leaves_a_seeded_database_alone(db):
    seed_command()
    before = Declaration.objects.count()

    output = seed_command("--if-empty")

    assert Declaration.objects.count() == before
    assert output.strip()


def test_seed_demo_refuses_a_database_that_already_has_a_bureau(db, orgs):
    with pytest.raises(CommandError):
        seed_command()


def test_demo_logins_lists_every_demo_user(db):
    seed_command()
    out = io.StringIO()

    call_command("demo-logins", stdout=out)

    for username in (
        "inspector_wjd",
        "lab_wjd",
        "lab_wjd2",
        "analyst_sz",
        "supervisor_sz",
        "enterprise_demo",
        "admin_gacc",
        "exporter_demo",
        "exporter2_demo",
    ):
        assert username in out.getvalue()


def test_demo_logins_on_an_empty_database_says_what_to_do(db):
    out = io.StringIO()

    call_command("demo-logins", stdout=out)

    assert "seed-demo" in out.getvalue()
