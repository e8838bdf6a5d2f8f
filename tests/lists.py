"""Checks shared by the tests of a filtered list: the page, the API and the Excel export (one FilterSet) give the
same rows for the same query string.

    same_rows(client, page=reverse("app:list"), api="/api/v1/app/things", export=reverse("app:export"),
              query={"status": "open"}, expected={"A-1"}, every={"A-1", "A-2"}, field="number")

`every` is each row's identifying text the test made (its number, name…); the page must show exactly the expected
ones among them, the API's `results` and the export's first column must hold exactly the expected ones.
"""

import io

from django.test import Client
from openpyxl import load_workbook


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sheet(response) -> list[tuple]:
    """The rows of an XLSX response's first sheet (the header first)."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), response["Content-Type"]
    return list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))


def same_rows(
    client,
    *,
    page: str,
    api: str | None,
    export: str,
    query: dict,
    expected: set,
    every: set,
    field: str = "number",
    column: int = 0,
) -> None:
    expected, every = set(expected), set(every)
    if api is not None:
        answer = client.get(api, query)
        assert answer.status_code == 200, (query, answer.content[:300])
        assert {str(row[field]) for row in answer.json()["results"]} & every == expected, query
    html = client.get(page, query)
    assert html.status_code == 200, query
    text = html.content.decode()
    assert {shown for shown in every if shown in text} == expected, query
    rows = sheet(client.get(export, query))
    assert {str(row[column]) for row in rows[1:]} & every == expected, query


def refuses_bad_choice(client, *, page: str, api: str, name: str, value: str = "no-such-value") -> None:
    """The API answers a value outside the choices with a 422 naming the field; the page ignores it."""
    answer = client.get(api, {name: value})
    assert answer.status_code == 422 and list(answer.json()["fields"]) == [name], answer.content[:300]
    assert client.get(page, {name: value}).status_code == 200
