"""Parsing a monitoring list is pure: every error with its line number, nothing half-parsed."""

from matching.intake.monitoring_csv import decode, parse

HEADER = "county_code,township,category,reason,urgency,person_name,person_id_number,person_phone\n"


def test_good_lines_parse_with_labels_mapped_to_codes():
    rows, errors = parse(
        HEADER + "360321,坊楼镇,医疗救助,自付医疗费用超过8万元,紧急,谢红梅,,\n\n"
        "360321,路口镇,housing,房屋鉴定为C级危房需要改造,,刘志强,,13907990011\n"
    )
    assert errors == []
    assert [(r.line, r.fields.category, r.fields.urgency, r.fields.source) for r in rows] == [
        (2, "medical", "urgent", "monitoring"),
        (4, "housing", "normal", "monitoring"),
    ]
    assert rows[1].contact.person_phone == "13907990011"


def test_every_bad_line_is_reported_with_its_number():
    rows, errors = parse(
        HEADER + '360321,坊楼镇,医疗救助,自付医疗费用超过8万元,紧急,谢红梅,,\n360321,,魔法,短,x,,1,2\n"360321,坊楼镇\n'
    )
    lines = {(e.line, e.field) for e in errors}
    assert {
        (3, "township"),
        (3, "category"),
        (3, "reason"),
        (3, "urgency"),
        (3, "person_name"),
        (3, "person_id_number"),
        (3, "person_phone"),
    } <= lines
    assert any(e.line == 4 for e in errors)
    assert str(errors[0]).startswith("第 3 行「")


def test_header_problems_are_line_one():
    _, errors = parse("county_code,foo\n")
    assert [e.line for e in errors] == [1, 1]
    assert "无法识别的列：foo" in str(errors[0]) and "缺少必需的列" in str(errors[1])
    assert "文件是空的" in str(parse("")[1][0])


def test_row_limit_and_binary_content():
    _, errors = parse(HEADER + "360321,坊楼镇,medical,自付医疗费用超过8万元,,谢红梅,,\n" * 3, max_rows=2)
    assert "一次最多导入 2 行" in str(errors[-1])
    assert "不是文本格式" in str(parse("a\x00b")[1][0])


def test_decode_accepts_bom_and_refuses_other_encodings():
    assert decode("\ufeff县区代码".encode("utf-8")) == "县区代码"
    try:
        decode("县区代码".encode("gb18030"))
    except ValueError as exc:
        assert "UTF-8" in str(exc)
    else:
        raise AssertionError("a GB18030 file must be refused")
