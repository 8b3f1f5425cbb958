"""The personal-data guard reads text the way a person writes numbers and names."""

import pytest
from django.core.exceptions import ValidationError

from matching.personal_data import (
    ID,
    PHONE,
    PRIVATE,
    normalise,
    personal_data_found,
    public_text_check,
)


@pytest.mark.parametrize(
    "text",
    [
        "联系电话 13912340002",
        "联系 139.1234.0002",
        "电话：139-1234-0002",
        "手机 139 1234 0002",
        "电话 １３９１２３４０００２",
        "+86 139 1234 0002",
        "家里座机 0796-8812345",
        "（0796）8812345",
    ],
)
def test_phone_numbers_are_found_however_written(text):
    assert personal_data_found(text) == PHONE


@pytest.mark.parametrize(
    "text",
    [
        "身份证 360321195803121010",
        "360321.1958.0312.1010",
        "3603 2119 5803 1210 1X",
        "３６０３２１１９５８０３１２１０１０",
        "证号360321-19580312-1010",
        "36032119580312101x",
    ],
)
def test_id_numbers_are_found_however_written(text):
    assert personal_data_found(text) == ID


@pytest.mark.parametrize(
    "value, text",
    [
        ("欧阳秀兰", "照顾欧阳 秀兰老人"),
        ("欧阳秀兰", "欧 阳 秀 兰"),
        ("欧阳秀兰", "欧阳·秀兰"),
        ("张三", "Ｚ张三"),
    ],
)
def test_known_names_are_found_with_spaces_or_dots_between_characters(value, text):
    assert personal_data_found(text, [value]) == PRIVATE


@pytest.mark.parametrize(
    "text",
    [
        "为42位老人改造卫浴，预算120,000元",
        "2026-11-29 完成第一期，受益 300 户",
        "项目期 2023.10.01—2025.12.31",
        "统一社会信用代码 52360321MJB123456X 的机构",
        "覆盖 3 个乡镇 12 个村",
        "",
    ],
)
def test_ordinary_public_text_passes(text):
    assert personal_data_found(text) is None


def test_normalise_makes_full_width_half_width_and_drops_separators():
    assert normalise("１３９．１２３４ ０００２ ａｂ") == "13912340002AB"


def test_the_guard_names_each_field():
    with pytest.raises(ValidationError) as caught:
        public_text_check(fields={"title": "敬老院改造", "description": "<p>联系 139.1234.0002</p>"})
    assert list(caught.value.message_dict) == ["description"]


def test_each_refusal_of_the_guard_carries_the_code_of_what_it_found():
    with pytest.raises(ValidationError) as caught:
        public_text_check(
            fields={"title": "身份证110101199003071234", "summary": "电话 13912340002", "description": "张三丰的家"},
            private_values=["张三丰"],
        )
    codes = {name: [e.code for e in errors] for name, errors in caught.value.error_dict.items()}
    assert codes == {
        "title": ["personal_data_id_number"],
        "summary": ["personal_data_phone_number"],
        "description": ["personal_data_beneficiary"],
    }
