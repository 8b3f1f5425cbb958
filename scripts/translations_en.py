"""English for every string marked for translation (msgid → msgstr); scripts/messages.sh applies it.

A plural entry maps its msgid to (singular, plural). Keep %(name)s placeholders exactly.
Add new strings here when templates gain them, then rerun scripts/messages.sh.
"""

TRANSLATIONS = {
    # Wagtail admin workflow (English msgids, kept as they are)
    "Request changes": "Request changes",
    "Approve": "Approve",
    "Approve with comment": "Approve with comment",
    # Site frame
    "帮扶": "Bangfu",
    "帮扶平台": "Bangfu platform",
    "跳到正文": "Skip to content",
    "搜索": "Search",
    "搜索需求、项目、组织": "Search needs, projects and organisations",
    "主导航": "Main navigation",
    "需求": "Needs",
    "项目": "Projects",
    "社会组织": "Social organisations",
    "公开透明": "Transparency",
    "开放数据": "Open data",
    "我的工作台": "My workspace",
    "组织与志愿者登录": "Sign in for organisations and volunteers",
    "语言": "Language",
    "切换": "Switch",
    "帮扶平台：让每一份需求都有回音，让每一元钱都看得见去向。": (
        "Bangfu: every need gets an answer, and every yuan can be traced to where it went."
    ),
    "分页": "Pagination",
    "上一页": "Previous",
    "第 %(n)s / %(total)s 页": "Page %(n)s of %(total)s",
    "下一页": "Next",
    # Home
    "首页": "Home",
    "让每一份需求都有回音": "Every need gets an answer",
    "参与社会组织": "social organisations taking part",
    "进行中的帮扶项目": "assistance projects under way",
    "待响应需求": "needs awaiting a response",
    "已响应需求": "needs answered",
    "项目可用资金": "funds available to projects",
    "最新需求": "Latest needs",
    "暂无需求。": "No needs yet.",
    "查看全部需求": "See all needs",
    # Needs list and cards
    "筛选需求": "Filter needs",
    "地区": "Region",
    "全部": "All",
    "类别": "Category",
    "紧急程度": "Urgency",
    "救助圈层": "Assistance circle",
    "状态": "Status",
    "筛选": "Filter",
    "共 %(n)s 条需求": ("%(n)s need", "%(n)s needs"),
    "没有符合条件的需求。": "No needs match these filters.",
    "受益人数": "Beneficiaries",
    "所需资金": "Funds needed",
    "发布于": "Published",
    # Need page
    "深度贫困地区": "Deep-poverty area",
    "定点扶贫县": "Designated county",
    "需求概况": "Summary",
    "所需志愿者": "Volunteers needed",
    "截止日期": "Deadline",
    "发布日期": "Published on",
    "为这个需求捐款": "Donate to this need",
    "进度": "Progress",
    "响应记录（件件有回音）": "Response log (every need gets an answer)",
    "暂无记录": "No entries yet",
    "需求进度": "Progress of the need",
    "尚未": "not yet",
    # Region pages
    "深度贫困地区（三区三州）": (
        "Deep-poverty area (the 'three regions and three prefectures')"
    ),
    "下级地区": "Sub-regions",
    "本地区需求": "Needs in this region",
    # Organisations and projects
    "统一社会信用代码": "Unified social credit code",
    "服务地区": "Areas served",
    "服务类别": "Fields of work",
    "帮扶项目": "Assistance projects",
    "暂无项目。": "No projects yet.",
    "%(n)s 个进行中项目": "Active projects: %(n)s",
    "暂无组织。": "No organisations yet.",
    "可用资金": "Funds available",
    "志愿者名额": "Volunteer places",
    "所需技能": "Skills needed",
    "实施期": "Duration",
    "资金": "Funds",
    "捐款支持本项目": "Donate to this project",
    "查看资金去向与成效": "See where the money went and what it achieved",
    # Civil-affairs officer dashboard
    "县（区）": "County (district)",
    "发布时间": "Published",
    "没有待跟进的需求。": "No needs to follow up.",
    "需求数": "Needs",
    "已响应": "Answered",
    "已完成": "Fulfilled",
    "首次响应中位数（小时）": "Median time to first response (hours)",
    "完成中位数（天）": "Median time to fulfilment (days)",
    "暂无数据": "No data yet",
    "民政工作台": "Civil-affairs dashboard",
    "民政工作台：待跟进事项": "Civil-affairs dashboard: items to follow up",
    "范围": "Scope",
    "全国": "Nationwide",
    "%(days)s 天无响应的需求": "Needs with no response for %(days)s days",
    "%(hours)s 小时无行动的急难需求": "Emergency needs with no action for %(hours)s hours",
    "补交材料逾期的先行救助": "Advance aid with overdue paperwork",
    "报告逾期的项目": "Projects with overdue reports",
    "急难需求：发布超过 %(hours)s 小时仍无行动": (
        "Emergency needs: no action %(hours)s hours after publication"
    ),
    "发布超过 %(days)s 天仍无响应的需求": "Needs with no response %(days)s days after publication",
    "先行救助补交材料逾期": "Advance aid: paperwork overdue",
    "金额": "Amount",
    "材料截止日": "Paperwork due",
    "没有逾期的先行救助材料。": "No advance-aid paperwork is overdue.",
    "信息公开报告逾期的项目": "Projects with overdue disclosure reports",
    "响应时间": "Response times",
    "各县（区）响应时间": "Response times by county (district)",
    "各社会组织响应时间": "Response times by social organisation",
    # Donations
    "捐赠": "Donation",
    "捐赠给": "Donation to",
    "测试模式：将使用测试银行卡完成支付，不会产生真实扣款。": (
        "Test mode: payment uses a test card and no real money is charged."
    ),
    "下一步：支付": "Next: payment",
    "资金只在支付渠道确认到账后记入账本，每一笔去向都可在项目页面查看。": (
        "Money enters the ledger only once the payment provider confirms receipt; "
        "where every payment goes is shown on the project page."
    ),
    "已筹集": "Raised",
    "已拨付待确认": "Disbursed, awaiting confirmation",
    "已使用": "Spent",
    "支付": "Payment",
    "确认支付": "Confirm payment",
    "支付组件无法加载，请检查网络后重试。": (
        "The payment form could not be loaded. Please check your connection and try again."
    ),
    "感谢捐赠": "Thank you for your donation",
    "感谢您的爱心！": "Thank you for your kindness!",
    "捐赠编号": "Donation reference",
    "支付渠道确认到账后，款项会记入账本并发送电子收据。": (
        "Once the payment provider confirms receipt, the money is entered in the ledger "
        "and an electronic receipt is sent."
    ),
    "查看资金去向": "See where the money went",
    # Monitoring list import and intake (one-stop service)
    "导入监测预警名单": "Import the monitoring and early-warning list",
    "列：县区代码、乡镇、类别、预警原因、紧急程度（可选）、姓名、身份证号、电话（可选）。文件有任何错误时不会导入任何一行。": (
        "Columns: county code, township, category, warning reason, urgency (optional), name, "
        "ID number, phone (optional). If the file has any error, no row is imported."
    ),
    "%(n)s 处错误，未导入": (
        "%(n)s error, nothing imported",
        "%(n)s errors, nothing imported",
    ),
    "导入": "Import",
    "受理报告": "Intake reports",
    "地点": "Location",
    "来源": "Source",
    "登记时间": "Registered at",
    "反映情况": "Situation reported",
    "联系方式（保密）": "Contact details (confidential)",
    "反映人": "Reported by",
    "当事人": "Person concerned",
    "疑似重复": "Possible duplicates",
    "报告": "Report",
    "转为需求草稿": "Turn into a draft need",
    "已转为需求草稿：": "Turned into a draft need: ",
    "转办其他部门": "Refer to another department",
    "部门": "Department",
    "转办": "Referred",
    "期限": "Due",
    "签收": "Acknowledged",
    "答复": "Reply",
    "已超期": "Overdue",
    "记录签收": "Record acknowledgement",
    "记录答复": "Record reply",
    "办结": "Close the case",
    "返回受理报告": "Back to the intake report",
    "登记受理报告": "Register an intake report",
    "一门受理：登记困难群众反映": "One-stop intake: register a report from a person in difficulty",
    "标注“保密”的信息只有该县（区）民政工作人员可见，不会出现在任何公开页面。": (
        "Information marked ‘confidential’ is visible only to the civil-affairs staff of that "
        "county (district) and never appears on any public page."
    ),
    "登记": "Register",
    "登记新报告": "Register a new report",
    "超期未答复的转办": "Referrals overdue for a reply",
    "受理编号": "Intake reference",
    "乡镇": "Township",
    "暂无报告。": "No reports yet.",
    # Notifications
    "我的通知": "My notifications",
    "%(n)s 条未读": ("%(n)s unread", "%(n)s unread"),
    "提醒方式": "How to notify me",
    "全部标为已读": "Mark all as read",
    "查看": "View",
    "标为已读": "Mark as read",
    "暂无通知。": "No notifications.",
    "站内通知总会保留在“我的通知”中；这里选择是否同时即时发邮件，或每天汇总成一封。": (
        "Notifications always stay in ‘My notifications’; here you choose whether to also "
        "get an email straight away, or one daily summary."
    ),
    "保存": "Save",
    "返回我的通知": "Back to my notifications",
    # Open data
    "以下数据可自由下载，列名稳定，说明见文档。所有数据只含公开字段，不含受益人的任何个人信息。": (
        "The data below is free to download; column names are stable and documented. "
        "It holds public fields only and no personal information about beneficiaries."
    ),
    "数据集": "Dataset",
    "列": "Columns",
    "下载": "Download",
    "IATI 活动标准 2.03（项目、资金往来、地点、成效）": (
        "IATI Activity Standard 2.03 (projects, transactions, locations, results)"
    ),
    # Delivery and outcomes
    "登记交付": "Record delivery",
    "登记交付后，需求将标记为已完成，交付情况写入公开的响应记录。请至少上传一份佐证。": (
        "Once delivery is recorded, the need is marked fulfilled and the delivery is added "
        "to the public response log. Please upload at least one supporting document."
    ),
    "登记交付并完成需求": "Record delivery and fulfil the need",
    "没有逾期的报告。": "No overdue reports.",
    "信息公开报告逾期": "Disclosure reports overdue",
    "依据《慈善组织信息公开办法》：实施超过六个月的项目至少每三个月公开一次进展，项目结束后三个月内公开结项报告。": (
        "Under the Measures on Information Disclosure by Charitable Organisations, a project "
        "running longer than six months publishes progress at least every three months, and "
        "a final report within three months of its end."
    ),
    "进展报告": "Progress report",
    "结项报告": "Final report",
    "暂无进展报告。": "No progress reports yet.",
    "报告期": "Period",
    "提交于": "Submitted",
    "受益人数（按群体）": "People reached (by group)",
    "群体": "Group",
    "人数": "People",
    "合计": "Total",
    "里程碑": "Milestones",
    # "（已于 <date> 完成）": the template splits the sentence around the date.
    "已于": "achieved on",
    "完成": "✓",
    "进行中": "in progress",
    "佐证材料": "Supporting documents",
    "提交进展报告": "Submit a progress report",
    "受益人只填人数，不填姓名、身份证号、电话等任何个人信息。照片上传后会去除拍摄位置等元数据。": (
        "Give only numbers of beneficiaries, never names, ID numbers, phone numbers or any "
        "other personal information. Location and other metadata are removed from uploaded "
        "photos."
    ),
    "提交": "Submit",
    # Transparency
    "公开透明：资金来源、去向与成效": "Transparency: where the money comes from, where it goes and what it achieves",
    "起始年份": "From year",
    "参与的社会组织": "Social organisations taking part",
    "投入资金": "Funds committed",
    "已到达需求的资金": "Funds that reached needs",
    "发布的需求": "Needs published",
    "已完成的需求": "Needs fulfilled",
    "按月份": "By month",
    "每月资金（元）": "Funds per month (yuan)",
    "月份": "Month",
    "到账": "Received",
    "到达需求": "Reached needs",
    "按类别": "By category",
    "各类别项目与资金（一个项目可属多个类别）": (
        "Projects and funds by category (a project may belong to several categories)"
    ),
    "项目数": "Projects",
    "到账资金": "Funds received",
    "按地区": "By region",
    "各省需求与资金": "Needs and funds by province",
    "省份": "Province",
    "到达需求的资金": "Funds that reached needs",
    "下载开放数据": "Download open data",
    "信息公开义务": "Disclosure duties",
    "已公开": "published",
    "逾期": "overdue",
    "未到期": "not yet due",
    "暂无到期的报告义务": "No reports due yet",
    "筹集": "raised",
    "已到达需求": "reached needs",
    "结余": "balance",
    "资金流水": "Transactions",
    "共 %(n)s 笔（显示最近 200 笔）": "Transactions: %(n)s (latest 200 shown)",
    "时间": "Time",
    "类型": "Type",
    "来源/去向": "From/to",
    "暂无资金流水": "No transactions yet",
    "服务的需求": "Needs served",
    "暂无": "None yet",
    "受益": "reached",
    "人": "people",
    "已完成需求": "Needs fulfilled",
    "直接捐给需求的资金": "Donations made directly to needs",
    "项目拨付到达需求的资金": "Project funds disbursed to needs",
    "服务本地的社会组织": "Social organisations serving this area",
    "进行中的项目": "Active projects",
}
