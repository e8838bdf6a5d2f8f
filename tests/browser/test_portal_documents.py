"""Document retrieval as an inspector uses it: words highlighted, the standard number suggested."""

import pytest

from guomen.documents.tests.factories import make_document

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inspector_finds_a_standard_by_word_and_by_number(desk, inspector, screenshot):
    make_document(number="GB 2763-2019", kind="national_standard", title="食品中农药最大残留限量（2019年版）")
    make_document(
        number="GB 2763-2021",
        kind="national_standard",
        title="食品安全国家标准 食品中农药最大残留限量",
        text="本标准规定了食品中农药的最大残留限量。进境水果的检疫要求见相关议定书。",
    )
    make_document(title="进出境动植物检疫法实施条例", text="进境植物、植物产品应当实施检疫。")
    login(desk, "inspector_wjd")
    desk.goto("/documents/?q=检疫")
    assert desk.locator("[data-testid=search-results] mark").first.inner_text() == "检疫"
    desk.goto("/documents/?q=GB+2763")
    assert "GB 2763-2021" in desk.locator("[data-testid=did-you-mean]").inner_text()
    screenshot(desk, "documents-search-did-you-mean")
    desk.click("[data-testid=did-you-mean] a >> text=GB 2763-2021")
    desk.wait_for_url("**q=GB+2763-2021**")
    first = desk.locator("[data-testid=search-results] li").first
    assert "GB 2763-2021" in first.inner_text() and first.locator(".text-bg-success").count() == 1
    first.locator("a").first.click()
    desk.wait_for_url("**/documents/*/")
    assert "农药" in desk.content()
