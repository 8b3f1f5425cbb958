"""English for the strings of the staff dashboard at national scale (msgid → msgstr); scripts/messages.sh applies it."""

TRANSLATIONS = {
    "共 %(total)s 个，列出前 %(shown)s 个。": "%(total)s in all; the first %(shown)s are listed.",
    "共 %(total)s 个社会组织承接了需求，下表按首次响应时间中位数从长到短列出前 %(shown)s 个。":
        "%(total)s organisations took on needs; the table lists the %(shown)s with the longest median time to a "
        "first response.",
    "各社会组织响应时间（首次响应最慢的在前）": "Response times by organisation (slowest first response first)",
    "各省（区、市）响应时间": "Response times by province",
    "省（区、市）": "Province",
    "各省（区、市）首次响应时间中位数（小时）": "Median hours to first response by province",
    "……共 %(n)s 份逾期": "… %(n)s overdue in all",
    "after 与 page 不能同时使用": "after and page cannot be used together",
    "after 不是本列表给出的位置": "after is not a position this list gave out",
}
