"""Email formatting is pure: no database."""

from matching.notifications.emails import absolute_url, format_digest, format_one


def test_relative_links_become_absolute(settings):
    settings.SITE_URL = "https://bangfu.example"
    assert absolute_url("/inbox/") == "https://bangfu.example/inbox/"
    assert absolute_url("https://x.example/a") == "https://x.example/a"
    assert absolute_url("") == ""


def test_one_and_digest_formats(settings):
    settings.SITE_URL = "https://bangfu.example"
    subject, text = format_one(title="标题", body="正文", url="/a/")
    assert subject == "[帮扶] 标题" and "正文" in text and "https://bangfu.example/a/" in text
    subject, text = format_digest(items=[("甲", "", ""), ("乙", "说明", "/b/")])
    assert "2 条" in subject and "1. 甲" in text and "2. 乙" in text and "https://bangfu.example/b/" in text
