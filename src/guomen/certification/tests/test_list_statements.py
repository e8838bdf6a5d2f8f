"""The certificate and misuse lists and the recall list read a fixed number of statements however many rows a page
shows, and name schemes, statuses and categories in the reader's language."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def _statements(user, url) -> int:
    client = Client()
    client.force_login(user)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_certificate_list_reads_as_many_statements_for_one_row_as_for_a_full_page(holder, supervisor):
    CertificateFactory(enterprise=holder, number="N0")
    one = _statements(supervisor, reverse("certification:list"))
    for n in range(1, 25):
        CertificateFactory(enterprise=holder, number=f"N{n}", scheme="iso9001" if n % 2 else "ccc")
    assert _statements(supervisor, reverse("certification:list")) == one
    assert _statements(supervisor, reverse("certification:list") + "?q=深圳") == one


def test_the_list_names_scheme_and_status_in_chinese(certificate, supervisor):
    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("certification:list")).content.decode()
    assert certificate.scheme_label in page and "有效" in page
    from django.utils import translation

    with translation.override("zh-hans"):
        assert certificate.status_label == "有效"
    with translation.override("en"):
        assert certificate.status_label == "Valid"
