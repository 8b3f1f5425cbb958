import pytest

from search.matcher import document_features, rank
from search.matcher.normalise import normalise, original_span
from search.matcher.quantities import is_quantity_line, parse_number, quantities
from search.matcher.text import tokens

from .builders import TODAY, make_need, make_project


@pytest.mark.parametrize(
    "text, expected",
    [
        ("蔡甸區敬老院房屋老舊，急需維修", "蔡甸区敬老院房屋老旧,急需维修"),
        ("缺口８万元，ＩＣＵ抢救", "缺口8万元,ICU抢救"),
        ("頭髮乾淨", "头发干净"),
        ("村裡的老人", "村里的老人"),
    ],
)
def test_normalise_gives_simplified_half_width_text_of_the_same_length(text, expected):
    assert normalise(text) == expected
    assert len(normalise(text)) == len(text)


def test_a_word_of_the_normalised_text_is_quoted_as_written():
    text = "昭觉縣老人眼睛看不見"
    assert original_span(text, normalise(text), "看不见") == "看不見"
    assert original_span(text, normalise(text), "敬老院") is None


@pytest.mark.parametrize(
    "text, money_yuan",
    [
        ("还差八万来块钱", 80_000),
        ("缺口8万", 80_000),
        ("需资金80,000元", 80_000),
        ("资金缺口人民币叁拾肆万叁仟元", 343_000),
        ("材料加工钱大概11万2", 112_000),
        ("差不多要十三万五", 135_000),
        ("已发生医疗费用十余万元", 100_000),
        ("还差个六七万块钱吧", 60_000),
        ("预计资金缺口约6.9万元", 69_000),
    ],
)
def test_money_is_read_whatever_its_wording(text, money_yuan):
    assert quantities(text)["money"] == money_yuan * 100


@pytest.mark.parametrize(
    "text, key, value",
    [
        ("两百人", "people", 200),
        ("一百三十来户", "people", 130),
        ("三百来个学生", "people", 300),
        ("十来个志愿者", "volunteers", 10),
        ("需要康复方面的志愿者2名", "volunteers", 2),
        ("想找七个会照顾老人的志愿者", "volunteers", 7),
        ("还需要一位康复志愿者加入", "volunteers", 1),
    ],
)
def test_headcount_and_volunteers_are_read_whatever_their_wording(text, key, value):
    assert quantities(text)[key] == value


def test_a_bare_number_without_a_currency_word_is_not_money():
    assert "money" not in quantities("拨打12349热线")
    assert parse_number("不是数字") is None


def test_money_and_recruitment_lines_of_a_project_are_quantity_lines():
    assert is_quantity_line("目前可用善款69.3万元")
    assert is_quantity_line("现招募康复志愿者1名")
    assert not is_quantity_line("为困难家庭翻修屋面")


def test_fillers_greetings_and_numerals_are_not_words():
    words = tokens("喂，您好，嗯，就是那个，我们村敬老院漏雨，还差八万来块钱，十来个老人")
    assert "敬老院" in words and "漏雨" in words
    assert not {"您好", "那个", "就是", "八万", "十来个", "来块钱"} & set(words)


def test_a_need_without_an_amount_field_is_read_from_its_text():
    need = make_need(description="敬老院屋顶漏雨，还差八万来块钱。")
    need.pop("amount_requested")
    features = document_features(need, "need")
    assert features["qty"]["money"] == 80_000_00
    results = rank(need, [make_project(budget_available=100_000_00)], direction="need_to_project", today=TODAY, limit=3)
    assert "资金充足" in results[0].reasons


def test_reasons_quote_the_writers_own_wording():
    need = make_need(title="某村敬老院屋頂漏雨", description="敬老院衛生間沒有扶手，懇請幫助改造敬老院。")
    results = rank(need, [make_project()], direction="need_to_project", today=TODAY, limit=3)
    reasons = " ".join(results[0].reasons)
    assert "帮扶内容: 敬老院（供养服务设施）改造" in reasons
    assert "“敬老院”" in reasons
    # A need typed in traditional characters: the shared words are quoted as its writer wrote them.
    trad = make_need(title="某村敬老院屋頂漏雨，衛生間要維修", description="懇請幫助維修。")
    reasons = rank(
        trad,
        [make_project(description="为敬老院维修屋顶，改造卫生间。")],
        direction="need_to_project",
        today=TODAY,
        limit=3,
    )[0].reasons
    shared = next(r for r in reasons if r.startswith("共同用语: "))
    assert "“衛生間”" in shared and "“維修”" in shared and "卫生间" not in shared
