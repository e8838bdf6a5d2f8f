import pytest

from guomen.catalog.tests.factories import CountryFactory, HazardFactory, HsCodeFactory
from guomen.documents.selectors import documents_for
from guomen.documents.services import document_supersede

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    th, vn = CountryFactory(code="TH"), CountryFactory(code="VN")
    fruit, durian = HsCodeFactory(code="08", level=2), HsCodeFactory(code="081060")
    pest = HazardFactory(code="PLANLI")
    return {
        "th_durian": make_document(
            kind="protocol", title="泰国榴莲议定书", commodities=[durian], countries=[th]
        ),
        "vn_durian": make_document(
            kind="protocol", title="越南榴莲要求", commodities=[durian], countries=[vn]
        ),
        "fruit_rule": make_document(
            kind="regulation", title="进境水果检验检疫监督管理办法", commodities=[fruit]
        ),
        "pest_sheet": make_document(kind="notice", title="南洋臀纹粉蚧鉴定", hazards=[pest]),
        "unrelated": make_document(kind="notice", title="化妆品标签"),
        "pest": pest,
        "durian": durian,
    }


def test_documents_for_a_commodity_and_origin_put_the_specific_protocol_first(shelf):
    found = documents_for(hs="081060", origin="TH")
    assert found[0] == shelf["th_durian"]
    assert shelf["fruit_rule"] in found
    assert shelf["vn_durian"] not in found and shelf["unrelated"] not in found


def test_documents_for_accept_model_instances_and_hazards(shelf):
    assert documents_for(hazard=shelf["pest"]) == [shelf["pest_sheet"]]
    assert shelf["th_durian"] in documents_for(hs=shelf["durian"])


def test_documents_for_leave_out_superseded_documents(shelf, analyst):
    newer = make_document(
        kind="regulation", title="进境水果检验检疫监督管理办法（修订）", commodities=[shelf["durian"]]
    )
    document_supersede(document=shelf["fruit_rule"], replacement=newer, actor=analyst)
    found = documents_for(hs="081060")
    assert shelf["fruit_rule"] not in found and newer in found


def test_documents_for_nothing_is_nothing(shelf):
    assert documents_for() == []
