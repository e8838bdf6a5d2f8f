"""core.actions: a button's form posted to a service, the API's payload → service, a creation page."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from ninja import Schema

from guomen.core.actions import apply, post_action
from guomen.core.errors import PermissionDenied, ValidationFailed


class _Form(forms.Form):
    amount = forms.IntegerField(label="数量")


def _request(data):
    request = RequestFactory().post("/x/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_an_invalid_form_is_flashed_with_the_field_label_and_the_service_is_not_called():
    called = []
    request = _request({"amount": "many"})
    response = post_action(request, _Form, called.append, success="ok", back="/back/")
    assert response.status_code == 302 and response.url == "/back/" and called == []
    assert "数量" in str(next(iter(get_messages(request))))


def test_a_service_refusal_is_flashed_and_permission_errors_go_up():
    def refuse(data):
        raise ValidationFailed(fields={"amount": ["太多了"]})

    request = _request({"amount": "3"})
    post_action(request, _Form, refuse, success="ok", back="/back/")
    assert [str(m) for m in get_messages(request)] == ["太多了"]

    def deny(data):
        raise PermissionDenied()

    with pytest.raises(PermissionDenied):
        post_action(_request({"amount": "3"}), _Form, deny, success="ok", back="/back/")


class _In(Schema):
    to: str
    version: int | None = None


def test_apply_passes_the_payload_and_its_version_as_expected_version():
    seen = {}

    def service(**kwargs):
        seen.update(kwargs)
        return "done"

    assert apply(service, _In(to="closed", version=4), record=1, actor="a") == "done"
    assert seen == {"record": 1, "actor": "a", "to": "closed", "expected_version": 4}
