"""English for the strings of the journeys and edit-forms work (msgid → msgstr); scripts/messages.sh applies it."""

TRANSLATIONS = {
    "该项目已有 %(before)d 项到期的信息公开义务，按新的日期只剩 %(after)d 项；到期的信息公开义务不能因修改日期而消失":
        "This project has %(before)d disclosure duties that have fallen due; with the new dates only %(after)d "
        "would remain. Duties that have fallen due cannot vanish by changing the dates",
}
