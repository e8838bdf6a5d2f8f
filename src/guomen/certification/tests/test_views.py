import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.certification.models import AnnualCheck, Certificate, MarkMisuseCase

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_is_sent_to_login(orgs):
    response = _client().get(reverse("certification:list"))
    assert response.status_code == 302 and "login" in response.url


def test_the_list_shows_the_unit_s_certificates_in_chinese(certificate, inspector):
    elsewhere = CertificateFactory(number="2026999999000009")
    page = _client(inspector).get(reverse("certification:list")).content.decode()
    assert certificate.number in page and "强制性产品认证" in page
    assert elsewhere.number not in page


def test_the_list_filters_by_scheme(certificate, inspector):
    page = _client(inspector).get(reverse("certification:list"), {"scheme": "haccp"}).content.decode()
    assert certificate.number not in page


def test_a_supervisor_files_a_certificate_through_the_form(holder, supervisor):
    response = _client(supervisor).post(
        reverse("certification:new"),
        {
            "enterprise": holder.uscc,
            "scheme": "iso9001",
            "number": "00126Q30001R0M",
            "products": "电器进口销售",
            "body_name": "方圆标志认证集团",
            "valid_from": "2026-01-01",
            "valid_until": "2029-01-01",
        },
    )
    certificate = Certificate.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "certification:detail", args=[certificate.pk]
    )


def test_a_form_with_reversed_dates_shows_the_error_and_saves_nothing(holder, supervisor):
    response = _client(supervisor).post(
        reverse("certification:new"),
        {
            "enterprise": holder.uscc,
            "scheme": "iso9001",
            "number": "00126Q30001R0M",
            "products": "电器进口销售",
            "body_name": "方圆标志认证集团",
            "valid_from": "2026-01-01",
            "valid_until": "2025-01-01",
        },
    )
    assert response.status_code == 200 and "证书有效期截止早于生效" in response.content.decode()
    assert not Certificate.objects.exists()


def test_an_inspector_cannot_open_the_new_certificate_form(inspector):
    assert _client(inspector).get(reverse("certification:new")).status_code == 403


def test_an_inspector_records_a_check_with_a_non_conformity_on_the_page(planned, inspector):
    due = timezone.localdate() + dt.timedelta(days=20)
    data = {f"item_{i}": "ok" for i in ("validity", "scope", "consistency", "system", "complaints")}
    data |= {
        "item_marks": "nc",
        "checked_on": str(timezone.localdate()),
        "findings": "铭牌未加施CCC标志",
        "rectification_due": str(due),
    }
    response = _client(inspector).post(reverse("certification:check_record", args=[planned.pk]), data)
    assert response.status_code == 302
    assert AnnualCheck.objects.get().status == "rectifying"
    page = _client(inspector).get(response.url).content.decode()
    assert "整改中" in page and "铭牌未加施CCC标志" in page


def test_another_unit_cannot_open_the_certificate(certificate, other_inspector):
    assert (
        _client(other_inspector).get(reverse("certification:detail", args=[certificate.pk])).status_code
        == 404
    )


def test_a_misuse_case_is_opened_and_penalised_on_the_page(holder, inspector, supervisor):
    _client(inspector).post(
        reverse("certification:misuse"),
        {
            "enterprise": holder.uscc,
            "found_on": str(timezone.localdate()),
            "description": "未获证产品加施CCC标志",
        },
    )
    case = MarkMisuseCase.objects.get()
    _client(supervisor).post(
        reverse("certification:misuse_decide", args=[case.pk]),
        {"to": "penalised", "penalty": "罚款2万元", "reason": "查实"},
    )
    page = _client(supervisor).get(reverse("certification:misuse")).content.decode()
    assert "已处罚" in page and "罚款2万元" in page
