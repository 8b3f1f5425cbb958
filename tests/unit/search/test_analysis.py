from search.analysis import highlight, index_text, plain_text, query_groups, tokens


def test_search_mode_segmentation_yields_the_word_and_its_pieces():
    assert {"莲花", "莲花县"} <= set(tokens("莲花县某乡敬老院"))
    assert "敬老院" in tokens("莲花县某乡敬老院")


def test_punctuation_and_spaces_are_not_tokens():
    assert tokens("，。！  ？") == []
    assert " " not in index_text("敬老院，卫浴改造。").split(" ")


def test_latin_text_is_lowercased():
    assert "ecommerce" in tokens("ECommerce 电商培训")


def test_query_groups_every_word_with_its_alternatives():
    groups = query_groups("留守儿童 护理补贴")

    assert all(groups)
    flat = {t for g in groups for t in g}
    assert {"留守", "儿童", "护理", "补贴"} <= flat


def test_absurd_queries_are_bounded_or_empty():
    assert query_groups("") == []
    assert query_groups("！！？？……") == []
    assert len("".join(t for g in query_groups("敬" * 10_000) for t in g)) <= 200


def test_highlight_marks_the_words_and_escapes_html():
    out = highlight("<b>莲花县</b>敬老院卫浴改造", [["敬老院"]])

    assert "<mark>敬老院</mark>" in out
    assert "<b>" not in out and "&lt;b&gt;" in out


def test_plain_text_strips_rich_text():
    assert plain_text("<p>敬老院&nbsp;<b>改造</b></p>") == "敬老院  改造"


def test_traditional_characters_are_indexed_and_queried_as_simplified():
    assert {"医院", "敬老院"} <= set(tokens("縣醫院旁的敬老院"))
    assert query_groups("醫院")[0][0] == "医院"
    assert query_groups("医院") == query_groups("醫院")


def test_a_highlight_shows_the_words_as_written():
    snippet = highlight("縣醫院旁的敬老院漏雨", query_groups("医院"))
    assert "<mark>醫院</mark>" in snippet
