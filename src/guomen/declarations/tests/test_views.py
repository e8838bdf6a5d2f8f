import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from guomen.clearance.bulk import COLUMNS
from guomen.clearance.services import clearance_record_result, clearance_submit
from guomen.declarations.models import Declaration
from guomen.declarations.tests.factories import line_data, submission, tomorrow
from guomen.targeting.models import SimpleRule

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _declared(world, **overrides):
    return clearance_submit(actor=world["enterprise_user"], **submission(world, **overrides))


# --- list ----------------------------------------------------------------------------------------------


def test_list_shows_the_users_declarations(world):
    d = _declared(world)
    page = _client(world["enterprise_user"]).get("/declarations/list/").content.decode()
    assert d.number in page


def test_list_hides_other_enterprises_declarations(world):
    d = _declared(world)
    page = _client(world["other_enterprise_user"]).get("/declarations/list/").content.decode()
    assert d.number not in page


def test_list_hides_other_jurisdictions(world):
    d = _declared(world)
    page = _client(world["other_supervisor"]).get("/declarations/list/").content.decode()
    assert d.number not in page


def test_list_searches_by_number_and_answers_htmx_with_the_fragment(world):
    first = _declared(world)
    second = _declared(world)
    response = _client(world["supervisor"]).get(
        "/declarations/list/", {"q": second.number[-6:]}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert second.number in html and first.number not in html
    assert "<html" not in html


def test_list_filters_by_status(world):
    released = _declared(world, lines=[line_data(world, hs_code="848180", production_base_codes=[])])
    inspected = _declared(world)
    html = _client(world["supervisor"]).get("/declarations/list/", {"status": "released"}).content.decode()
    assert released.number in html and inspected.number not in html


def test_list_ignores_a_filter_value_it_cannot_read(world):
    """The page and the API share DeclarationFilters; a value past its bounds is dropped on the page (the API
    answers 422 naming the field)."""
    d = _declared(world)
    client = _client(world["supervisor"])
    page = client.get("/declarations/list/", {"q": "x" * 150, "origin": "TH"})
    assert page.status_code == 200 and d.number in page.content.decode()
    response = client.get("/api/v1/declarations", {"q": "x" * 150})
    assert response.status_code == 422 and list(response.json()["fields"]) == ["q"]


def test_list_requires_login(world):
    response = Client().get("/declarations/list/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- detail --------------------------------------------------------------------------------------------


def test_detail_shows_lines_documents_decision_and_timeline(world):
    SimpleRule.objects.create(
        name="水果", hs_prefix="08", channel="physical_sampling", instruction="取样送检"
    )
    d = _declared(world)
    html = _client(world["inspector"]).get(f"/declarations/{d.number}/").content.decode()
    assert "081060" in html and "TH-2026-000123" in html
    assert "gm-channel-physical_sampling" in html
    assert "取样送检" in html
    assert "提交报检" in html  # timeline: submitted
    assert "布控：查验+抽样" in html  # timeline: targeting decision


def test_timeline_includes_the_inspection_result(world):
    SimpleRule.objects.create(name="水果", hs_prefix="08", channel="physical")
    d = _declared(world)
    task = d.inspection_tasks.get()
    clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="发现活虫",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    html = _client(world["supervisor"]).get(f"/declarations/{d.number}/").content.decode()
    assert "查验结果：不合格" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [("enterprise_user", 200), ("other_enterprise_user", 404), ("inspector", 200), ("other_supervisor", 404)],
)
def test_detail_permission_matrix(world, who, status):
    d = _declared(world)
    assert _client(world[who]).get(f"/declarations/{d.number}/").status_code == status


def test_detail_anonymous_redirects_to_login(world):
    d = _declared(world)
    assert Client().get(f"/declarations/{d.number}/").status_code == 302


# --- new declaration form -----------------------------------------------------------------------------


def _form_post(world, **overrides):
    data = {
        "direction": "import",
        "port": "WJD",
        "declarant_uscc": world["enterprise"].uscc,
        "consignee_uscc": "",
        "consignor_name": "Chanthaburi",
        "origin_country": "TH",
        "destination_country": "",
        "transport": "truck",
        "transport_id": "粤Z1234港",
        "arrival_date": tomorrow().isoformat(),
        "lines-TOTAL_FORMS": "2",
        "lines-INITIAL_FORMS": "0",
        "lines-0-hs_code": "081060",
        "lines-0-description": "鲜榴莲",
        "lines-0-quantity": "100",
        "lines-0-unit": "箱",
        "lines-0-net_weight_kg": "1500",
        "lines-0-value": "4000",
        "lines-0-currency": "USD",
        "lines-0-production_base_codes": world["base"].code,
        "lines-1-currency": "USD",
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-0-type": "phytosanitary_certificate",
        "documents-0-number": "TH-1",
        "documents-0-issued_on": "",
    }
    data.update(overrides)
    return data


def test_new_form_submits_and_shows_the_declaration(world):
    response = _client(world["enterprise_user"]).post("/declarations/new/", _form_post(world))
    assert response.status_code == 302
    d = Declaration.objects.get()
    assert response["Location"] == f"/declarations/{d.number}/"
    assert d.lines.count() == 1 and d.documents.count() == 1


def test_new_form_shows_errors_on_the_fields(world):
    response = _client(world["enterprise_user"]).post(
        "/declarations/new/", _form_post(world, **{"origin_country": "XX", "lines-0-net_weight_kg": "0"})
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "origin_country" in form.errors
    assert "net_weight_kg" in response.context["lines"].forms[0].errors
    assert not Declaration.objects.exists()


def test_new_form_without_lines_says_so(world):
    data = _form_post(
        world,
        **{
            f"lines-0-{k}": ""
            for k in (
                "hs_code",
                "description",
                "quantity",
                "unit",
                "net_weight_kg",
                "value",
                "production_base_codes",
            )
        },
    )
    response = _client(world["enterprise_user"]).post("/declarations/new/", data)
    assert response.status_code == 422
    assert response.context["form"].non_field_errors()


def test_add_line_returns_the_next_line_form(world):
    response = _client(world["enterprise_user"]).get("/declarations/new/line/", {"lines-TOTAL_FORMS": "2"})
    html = response.content.decode()
    assert 'name="lines-2-hs_code"' in html
    assert 'value="3"' in html and "hx-swap-oob" in html


@pytest.mark.parametrize("who", ["inspector", "lab_analyst", "analyst"])
def test_staff_without_the_right_cannot_open_the_form(world, request, who):
    user = world["inspector"] if who == "inspector" else request.getfixturevalue(who)
    assert _client(user).get("/declarations/new/").status_code == 403


def test_supervisor_sees_only_ports_of_their_jurisdiction(world):
    html = _client(world["other_supervisor"]).get("/declarations/new/").content.decode()
    assert 'value="BY"' in html and 'value="WJD"' not in html


# --- cancel --------------------------------------------------------------------------------------------


def test_enterprise_user_cancels_with_reason(world):
    d = _declared(world)
    response = _client(world["enterprise_user"]).post(
        f"/declarations/{d.number}/cancel/", {"reason": "合同取消"}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == "cancelled"
    html = _client(world["enterprise_user"]).get(f"/declarations/{d.number}/").content.decode()
    assert "撤销报检" in html and "合同取消" in html


@pytest.mark.parametrize(
    ("who", "status"), [("other_enterprise_user", 404), ("inspector", 403), ("other_supervisor", 404)]
)
def test_cancel_permission_matrix(world, who, status):
    d = _declared(world)
    response = _client(world[who]).post(f"/declarations/{d.number}/cancel/", {"reason": "x"})
    assert response.status_code == status
    d.refresh_from_db()
    assert d.status != "cancelled"


def test_cancel_without_reason_changes_nothing(world):
    d = _declared(world)
    _client(world["enterprise_user"]).post(f"/declarations/{d.number}/cancel/", {"reason": ""})
    d.refresh_from_db()
    assert d.status != "cancelled"


# --- bulk intake ---------------------------------------------------------------------------------------


def _csv(world, rows) -> bytes:
    out = io.StringIO()
    out.write(",".join(COLUMNS) + "\n")
    for row in rows:
        values = {
            "ref": "A",
            "direction": "import",
            "port": "WJD",
            "declarant_uscc": world["enterprise"].uscc,
            "origin_country": "TH",
            "transport": "truck",
            "arrival_date": tomorrow().isoformat(),
            "hs_code": "081060",
            "description": "鲜榴莲",
            "quantity": "10",
            "unit": "箱",
            "net_weight_kg": "150",
            "value": "400",
            "currency": "USD",
            "production_base_codes": world["base"].code,
            "document_type": "phytosanitary_certificate",
            "document_number": "TH-9",
        }
        values.update(row)
        out.write(",".join(str(values.get(c, "")) for c in COLUMNS) + "\n")
    return out.getvalue().encode("utf-8")


def _upload(client, content: bytes, name="declarations.csv"):
    return client.post("/declarations/import/", {"file": SimpleUploadedFile(name, content)})


def test_bulk_groups_rows_into_declarations_by_ref(world):
    content = _csv(
        world, [{"ref": "A"}, {"ref": "A", "hs_code": "848180", "production_base_codes": ""}, {"ref": "B"}]
    )
    response = _upload(_client(world["enterprise_user"]), content)
    assert response.status_code == 200
    assert Declaration.objects.count() == 2
    assert sorted(d.lines.count() for d in Declaration.objects.all()) == [1, 2]


def test_bulk_with_bad_rows_imports_nothing_and_lists_each_row(world):
    content = _csv(
        world, [{"ref": "A"}, {"ref": "A", "net_weight_kg": "0"}, {"ref": "B", "origin_country": "XX"}]
    )
    response = _upload(_client(world["enterprise_user"]), content)
    assert response.status_code == 422
    assert not Declaration.objects.exists()
    errors = {(e.row, e.field) for e in response.context["report"].errors}
    assert errors == {(3, "net_weight_kg"), (4, "origin_country")}


def test_bulk_reads_xlsx(world):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(COLUMNS)
    row = _csv(world, [{}]).decode().splitlines()[1].split(",")
    workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    response = _upload(_client(world["enterprise_user"]), out.getvalue(), "d.xlsx")
    assert response.status_code == 200
    assert Declaration.objects.count() == 1


def test_bulk_template_downloads(world):
    client = _client(world["enterprise_user"])
    csv_response = client.get("/declarations/import/template/")
    header = csv_response.content.decode("utf-8-sig").splitlines()[0]
    assert csv_response.status_code == 200 and header.startswith(
        "ref（申报组号）,direction（进出境）,port（口岸）"
    )
    xlsx = client.get("/declarations/import/template/", {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("who", ["inspector", None])
def test_bulk_permission(world, who):
    client = _client(world[who] if who else None)
    assert client.get("/declarations/import/").status_code == (403 if who else 302)


def test_import_command_imports_a_file(world, tmp_path, capsys):
    path = tmp_path / "d.csv"
    path.write_bytes(_csv(world, [{}]))
    call_command("import-declarations", str(path))
    assert Declaration.objects.count() == 1


def test_import_command_with_bad_rows_fails_and_imports_nothing(world, tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes(_csv(world, [{"hs_code": "999999"}]))
    with pytest.raises(CommandError):
        call_command("import-declarations", str(path))
    assert not Declaration.objects.exists()


GET_PAGES = [
    "/declarations/list/",
    "/declarations/new/",
    "/declarations/new/line/",
    "/declarations/import/",
    "/declarations/import/template/",
]


@pytest.mark.parametrize("url", GET_PAGES)
def test_every_page_sends_anonymous_users_to_login(world, url):
    response = Client().get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("url", "inspector_status"),
    [
        ("/declarations/list/", 200),
        ("/declarations/new/", 403),
        ("/declarations/new/line/", 403),
        ("/declarations/import/", 403),
        ("/declarations/import/template/", 403),
    ],
)
def test_every_page_checks_the_role(world, url, inspector_status):
    assert _client(world["inspector"]).get(url).status_code == inspector_status
    assert _client(world["enterprise_user"]).get(url).status_code == 200
