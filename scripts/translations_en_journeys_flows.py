"""English for the strings of the journeys and edit-forms work (msgid → msgstr); scripts/messages.sh applies it."""

TRANSLATIONS = {
    "该项目已有 %(before)d 项到期的信息公开义务，按新的日期只剩 %(after)d 项；到期的信息公开义务不能因修改日期而消失":
        "This project has %(before)d disclosure duties that have fallen due; with the new dates only %(after)d "
        "would remain. Duties that have fallen due cannot vanish by changing the dates",
    "需求“%(title)s”已审核通过并发布，公众现在可以看到它。":
        "The need “%(title)s” was approved and published: the public can see it now.",
    "匹配候选与推荐": "Candidates and proposals",
    "查看公开页面": "View the public page",
}
