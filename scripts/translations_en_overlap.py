"""English for the overlap strings: warnings before approvals, who committed to a need, the monthly overlap
report (scripts/messages.sh merges this with the others)."""

TRANSLATIONS = {
    # the monthly overlap report
    "重复资助月报": "Monthly overlap report",
    "格式：2026-03": "Format: 2026-03",
    "请按“年-月”填写月份，如 2026-03": "Enter the month as year-month, e.g. 2026-03",
    "您的辖区不包括%(region)s，不能查看该地区的重复资助报告": (
        "Your region does not include %(region)s, so you cannot see its overlap report"
    ),
    "各县（区）重复资助情况（件）": "Overlaps per county (cases)",
    "多家组织承诺同一需求": "Several organisations committed to one need",
    "相似需求重复资助": "Near-duplicate needs funded twice",
    "县（区）代码": "County code",
    "发生时间": "Arose on",
    "需求编号": "Need ref",
    "相似需求编号": "Near-duplicate need ref",
    "相似需求": "Near-duplicate need",
    "相似度": "Similarity (%)",
    "承诺的组织与项目": "Committed organisations and projects",
    "已拨付与拨付中（元）": "Disbursed and on its way (yuan)",
    "按县（区）列出当月出现的重复：多家组织承诺同一需求（第二家组织承诺之时起算），以及同县相似需求（可能是同一情况的重复登记）均已获资助。": (
        "The overlaps that arose in the month, per county: needs that several organisations committed to "
        "(counted from the second organisation's commitment), and near-duplicate needs of one county (possibly "
        "the same case recorded twice) that were both funded."
    ),
    "选择月份与地区": "Choose the month and the region",
    "下载 CSV": "Download CSV",
    "件重复": "overlaps",
    "%(n)s 件，涉及拨付 %(amount)s": "%(n)s cases, disbursements involved %(amount)s",
    "%(county)s的重复资助": "Overlaps in %(county)s",
    "承诺的组织": "Committed organisations",
    "涉及拨付": "Disbursements involved",
    "相似需求重复资助（相似度 %(percent)s%%）": "Near-duplicate needs funded twice (similarity %(percent)s%%)",
    "与": "and",
    "相似需求：": "Near-duplicate need:",
    "%(region)s %(month)s 没有出现重复资助。": "No overlap arose in %(region)s in %(month)s.",
    # who committed to a need
    "已响应的组织": "Organisations that responded",
    "其他已响应组织": "Other organisations that responded",
    "（已承诺）": " (committed)",
    "（已申请或被推荐）": " (applied or proposed)",
    "已有 %(n)s 家组织承诺这一需求，请协调分工，避免重复资助。": (
        "%(n)s organisations have committed to this need: agree who does what, so that nothing is funded twice."
    ),
    "已承诺": "Committed",
    "已申请或被推荐": "Applied or proposed",
    "还没有组织承诺这一需求。": "No organisation has committed to this need yet.",
    "已拨付 %(amount)s": "disbursed %(amount)s",
    "拨付中 %(amount)s": "%(amount)s on its way",
    "项目资金来源：": "The project's funds: ",
    "（认捐承诺）": " (pledge with agreement)",
    "自 %(day)s": "since %(day)s",
    # warnings before an approval
    "重复资助提示：其他组织已承诺这一需求": "Possible double funding: other organisations have committed to this need",
    "另有组织已申请或被推荐：": "Other organisations have applied or been proposed:",
    "另有组织已申请或被推荐（尚未承诺）：": "Other organisations have applied or been proposed (not committed yet):",
    "重复资助提示：同县相似需求已获资助，可能是同一情况的重复登记": (
        "Possible double funding: a similar need of the same county is already funded; it may be the same "
        "case recorded twice"
    ),
    "（%(county)s，文字相似度 %(percent)s%%）": " (%(county)s, text similarity %(percent)s%%)",
    "批准前请核实是否重复资助；确需共同资助的，请在说明中写明分工。": (
        "Check for double funding before you approve; where funding together is intended, say in the note who "
        "does what."
    ),
}
