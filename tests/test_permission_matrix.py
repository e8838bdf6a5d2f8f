"""The generated permission matrix: every page and every API operation has a row in tests/access.py, and
everyone outside the row is refused — anonymous, each other role, a user of another enterprise, staff of another
unit — never answered 2xx, never 5xx. A new endpoint fails here until its row is added (the message gives it).

Path parameters are filled with a real declaration, task and enterprise of 文锦渡 (深圳局), and with records the
API's own create operations made (fixtures in tests/conftest.py); each operation gets a valid body for its
documented schema, so "refused" is read on records that exist, for who the caller is."""

import pytest
from django.test import Client

from guomen.accounts.choices import Role

from .access import ACCESS
from .matrix import (
    BODY_FIRST,
    ROLE_REFUSED,
    api_endpoints,
    call,
    fill_api_records,
    fill_page,
    page_endpoints,
    refused,
    roles_of,
    suggest,
)

ROW_HINT = 'add this row to ACCESS in tests/access.py (see the rules at the top of tests/matrix.py):\n    "{key}": "{spec}",'


RECORD_KEYS = ("number", "uscc", "declaration_id", "task_id")


def _endpoints(values, api_calls=None):
    for key, route in page_endpoints():
        yield (
            key,
            "get",
            fill_page(route, values),
            True,
            any(f":{k}>" in route or f"<{k}>" in route for k in RECORD_KEYS),
            None,
        )
    for key, method, path in api_endpoints():
        url, body = (api_calls or {}).get(key, (fill_api_records(path, values, {}), None))
        yield key, method, url, False, any("{" + k + "}" in path for k in RECORD_KEYS), body


def _role_gate(response, *, page: bool) -> bool:
    """Refused for who the user is (not for a missing record or bad parameters)."""
    if response.status_code == 302:
        return "/accounts/login/" in response.get("Location", "")
    return response.status_code in (401, 403)


def test_every_endpoint_has_a_row_and_refuses_everyone_outside_it(bureau, clients, api_calls):
    values = bureau["values"]
    missing, wrong = [], []
    seen = set()
    for key, method, url, page, record, body in _endpoints(values, api_calls):
        seen.add(key)
        spec = ACCESS.get(key)
        if spec is None:
            allowed = {role for role in clients if role != "other_enterprise"}
            allowed = {
                r
                for r in allowed
                if not _role_gate(call(clients[r], method, url, page=page, key=key, body=body), page=page)
            }
            row = "public" if "anonymous" in allowed else suggest(allowed - {"anonymous"}, key)
            missing.append(ROW_HINT.format(key=key, spec=row))
            continue
        allowed = roles_of(spec)
        public = spec.split()[0] == "public"
        for who, client in clients.items():
            response = call(client, method, url, page=page, key=key, body=body)
            status = response.status_code
            if status >= 500:
                wrong.append(f"{key} as {who}: {status} ({url})")
                continue
            inside = public or (who in allowed) or (who == "other_enterprise" and "enterprise" in allowed)
            if who == "other_enterprise" and not public and "enterprise" in allowed:
                inside = not record  # the records in the path are another enterprise's
            if who == "anonymous" and not public and not page and status != 401:
                wrong.append(f"{key} as anonymous: {status}, expected 401 ({url})")
            elif not inside and not refused(response, page=page):
                wrong.append(f"{key} as {who}: {status}, expected a refusal ({url}); row says {spec!r}")
            elif (
                not inside
                and not page
                and who != "anonymous"
                and status not in ROLE_REFUSED
                and key not in BODY_FIRST
            ):
                wrong.append(
                    f"{key} as {who}: {status}, refused for its body or the record's state, not for its role ({url})"
                )
            elif inside and who != "anonymous" and status in (401, 403) and who in allowed and not public:
                wrong.append(f"{key} as {who}: {status} although the row {spec!r} lets {who} in ({url})")
    stale = sorted(set(ACCESS) - seen)
    assert not missing, f"{len(missing)} endpoint(s) without a row; " + "\n".join(missing)
    assert not wrong, "\n".join(wrong)
    assert not stale, f"rows for endpoints that no longer exist, remove them from tests/access.py: {stale}"


@pytest.mark.django_db
def test_staff_of_another_unit_read_none_of_the_records(bureau, orgs, make_user):
    """A supervisor of 白云机场局 (广州局) opens the 文锦渡 declaration, task and enterprise by their keys:
    refused or answered without them, unless the row says the records are national."""
    values = bureau["values"]
    client = Client(raise_request_exception=False)
    client.force_login(make_user(Role.SUPERVISOR, orgs["BY"], username="matrix_other_unit"))
    leaked = []
    for key, method, url, _page, record, _body in _endpoints(values):
        spec = ACCESS.get(key, "")
        if method != "get" or "national" in spec.split() or not record:
            continue
        response = call(client, method, url, page=_page, key=key)
        if response.status_code >= 500 or (
            response.status_code == 200 and values["number"] in response.content.decode(errors="ignore")
        ):
            leaked.append(f"{key}: {response.status_code} ({url})")
    assert not leaked, "another unit read 文锦渡's records:\n" + "\n".join(leaked)
