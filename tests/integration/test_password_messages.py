"""Password errors speak the page's language: Chinese by default, English after the switch."""

import re

import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

CJK = re.compile(r"[\u4e00-\u9fff]")


def _errors(password: str, lang: str) -> list[str]:
    with translation.override(lang):
        with pytest.raises(ValidationError) as caught:
            validate_password(password)
        return caught.value.messages


def test_every_password_error_is_chinese_on_a_chinese_page():
    messages = _errors("1234", "zh-hans")
    assert len(messages) == 3  # too short, too common, only digits
    assert all(CJK.search(m) for m in messages), messages
    assert "密码太短，至少需要 12 个字符。" in messages


def test_every_password_error_is_english_after_the_switch():
    messages = _errors("1234", "en")
    assert not any(CJK.search(m) for m in messages), messages
    assert "This password is too short. It must contain at least 12 characters." in messages


def test_the_password_help_is_chinese_too():
    with translation.override("zh-hans"):
        assert all(CJK.search(str(t)) for t in password_validators_help_texts())
