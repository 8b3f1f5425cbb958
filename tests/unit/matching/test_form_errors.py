"""A service's refusal lands on the form: field errors on their fields, the rest on top. No database."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from matching.form_errors import form_add_service_errors


class NoteForm(forms.Form):
    note = forms.CharField()


def _bound() -> NoteForm:
    form = NoteForm({"note": "x"})
    assert form.is_valid()
    return form


def test_field_errors_go_on_their_field_and_unknown_fields_on_top():
    form = _bound()
    form_add_service_errors(form, ValidationError({"note": ["太长", "含有身份证号"], "record": "已撤销"}))
    assert form.errors["note"] == ["太长", "含有身份证号"]
    assert form.non_field_errors() == ["已撤销"]
    assert "note" not in form.cleaned_data


def test_errors_without_fields_go_on_top():
    form = _bound()
    form_add_service_errors(form, ValidationError(["金额不足", "项目已结束"]))
    assert form.non_field_errors() == ["金额不足", "项目已结束"]
    assert "note" not in form.errors


def test_a_refused_permission_is_said_on_top():
    form = _bound()
    form_add_service_errors(form, PermissionDenied("只有组织管理员可以操作"))
    assert form.non_field_errors() == ["只有组织管理员可以操作"]
    form = _bound()
    form_add_service_errors(form, PermissionDenied())
    assert form.non_field_errors() == ["您没有该操作的权限"]
