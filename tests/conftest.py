"""The bureau the cross-app tests walk: a declaration of 文锦渡 with its task, one signed-in client per role, and per
API operation its path filled with real records and a valid body (tests/schema_client.py, tests/matrix.py)."""

from pathlib import Path

import pytest
from django.test import Client

from guomen.accounts.choices import Role
from guomen.declarations.tests.conftest import world  # noqa: F401 — the fixture
from guomen.declarations.tests.factories import submission

from .matrix import BODY_FOR, ENTERPRISE_KINDS, FIELD_VALUES, create_records, fill_api_records, page_values
from .records import make_records, page_records
from .schema_client import operations, query_for, request_for


@pytest.fixture
def bureau(world):  # noqa: F811
    from guomen.clearance.services import clearance_submit
    from guomen.inspections.models import InspectionTask
    from guomen.registry.models import Enterprise

    # the declarant is an enterprise of 文锦渡, so the unit's staff may act on it (body fields name it)
    Enterprise.objects.filter(pk=world["enterprise"].pk).update(org=world["WJD"])
    declaration = clearance_submit(actor=world["enterprise_user"], **submission(world))
    task = InspectionTask.objects.filter(declaration=declaration).first()
    values = {
        "number": declaration.number,
        "uscc": world["enterprise"].uscc,
        "declaration_id": str(declaration.pk),
        "task_id": str(task.pk) if task else "1",
        "pk": str(task.pk) if task else "1",
        "code": world["base"].code,
    }
    from guomen.labs.tests.factories import LaboratoryFactory
    from guomen.registry.tests.factories import EnterpriseFactory

    LaboratoryFactory(org=world["WJD"])
    ephyto = Path(__file__).parents[1] / "src/guomen/declarations/tests/data/ephyto-SPSCertificateContent.xml"
    body_values = {
        **FIELD_VALUES,
        "ephyto_file": ("ephyto.xml", ephyto.read_bytes(), "application/xml"),
        **{f"uscc_{kind}": EnterpriseFactory(org=world["WJD"], kind=kind).uscc for kind in ENTERPRISE_KINDS},
        "uscc": world["enterprise"].uscc,
        "enterprise_uscc": world["enterprise"].uscc,
        "declarant_uscc": world["enterprise"].uscc,
        "port": "WJD",
        "org": "WJD",
        "country": "TH",
        "hs_code": "081060",
        "base_code": world["base"].code,
        "declaration_number": declaration.number,
        "task_id": task.pk if task else 1,
        "expected_version": task.version if task else 0,
    }
    return {"world": world, "values": values, "body_values": body_values}


@pytest.fixture
def clients(bureau, orgs, make_user):
    """One signed-in client per role at 文锦渡 (the enterprise user is the declaration's own)."""
    people = bureau["world"]
    out = {"anonymous": Client(raise_request_exception=False)}
    for role in Role:
        if role == Role.ENTERPRISE:
            user = people["enterprise_user"]
        else:
            user = make_user(role, orgs["WJD"], username=f"matrix_{role}")
        client = Client(raise_request_exception=False)
        client.force_login(user)
        out[str(role)] = client
    other_enterprise = Client(raise_request_exception=False)
    other_enterprise.force_login(people["other_enterprise_user"])
    out["other_enterprise"] = other_enterprise
    return out


def _staff_and_task(bureau):
    """The matrix's staff by role and the declaration's inspection task."""
    from guomen.accounts.models import User
    from guomen.inspections.models import InspectionTask

    users = {
        str(role): User.objects.get(username=f"matrix_{role}") for role in Role if role != Role.ENTERPRISE
    }
    return users, InspectionTask.objects.get(pk=bureau["values"]["task_id"])


@pytest.fixture
def made_records(bureau, clients, make_user):
    """The records of 文锦渡 the API cannot make, made through the services (tests/records.py)."""
    users, task = _staff_and_task(bureau)
    return make_records(bureau["world"], users, task, make_user)


@pytest.fixture
def api_records(bureau, clients, made_records):
    """The OpenAPI document and, per collection with a create operation, the record the API made for it (and
    the records the services made for the collections the API cannot fill, then those only pages open)."""
    from guomen.api import api
    from guomen.declarations.models import Declaration

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    created = {**create_records(schema, clients, bureau["body_values"], BODY_FOR), **made_records}
    export = Declaration.objects.get(pk=made_records["/api/v1/exports/declarations"]["id"])
    created |= page_records(bureau["world"], *_staff_and_task(bureau), export)
    # the pages of those records are opened on them too (tests/matrix.py PAGE_RECORDS)
    bureau["values"]["pages"] = page_values(bureau["values"], created)
    return schema, created


@pytest.fixture
def api_calls(bureau, api_records):
    """Per operation: its path filled with real records (made through the API's own create operations where
    the fixture has none), its required query parameters and a valid body for its documented schema."""
    schema, created = api_records
    values = bureau["body_values"]
    out = {}
    for key, _method, path, operation in operations(schema):
        url = fill_api_records(path, bureau["values"], created) + query_for(schema, operation, values)
        out[key] = (url, request_for(schema, operation, values, BODY_FOR.get(key)))
    return out
