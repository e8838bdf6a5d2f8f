"""The OpenAPI document is honest: one name per schema, so every operation documents the body it takes."""

import typing
from collections import defaultdict

import pytest
from pydantic import BaseModel

from guomen.api import api


def _schema_classes() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    seen: set = set()

    def walk(tp) -> None:
        if tp in seen:
            return
        seen.add(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            names[tp.__name__].add(f"{tp.__module__}.{tp.__qualname__}")
            for field in tp.model_fields.values():
                walk(field.annotation)
        for arg in typing.get_args(tp) or ():
            walk(arg)

    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    walk(model)
                for response in (operation.response_models or {}).values():
                    walk(response)
    return names


def test_no_two_schemas_share_a_name():
    duplicates = {name: sorted(where) for name, where in _schema_classes().items() if len(where) > 1}
    assert duplicates == {}


@pytest.mark.django_db
def test_the_inspection_result_is_documented_with_its_own_fields(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/inspections/tasks/{task_id}/result"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/InspectionResultIn")
    assert "LabResultIn" in schema["components"]["schemas"]
