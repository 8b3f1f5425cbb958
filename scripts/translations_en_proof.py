"""English for spending lines and their evidence (each yuan to its proof); scripts/messages.sh applies it."""

TRANSLATIONS = {
    # Services
    "只有该项目所属组织的成员可以填写支出明细":
        "Only members of the organisation that runs this project can write its spending lines",
    "已驳回的拨付没有支出，不能填写支出明细": "A rejected disbursement spent nothing: it takes no spending lines",
    "已驳回的拨付没有支出，不能填写支出明细。": "A rejected disbursement spent nothing: it takes no spending lines.",
    "每条支出明细只关联一份佐证：交付记录或进展报告":
        "Each spending line links one piece of evidence: a delivery record or a progress report",
    "只能关联本项目对该需求的交付记录或本项目的进展报告":
        "Only this project's delivery records for this need, or this project's progress reports, can be linked",
    "该交付记录已被撤销，不能作为佐证": "This delivery record was reversed and cannot serve as evidence",
    "上传收据或照片前，请先选择它们所属的交付记录或进展报告":
        "Before uploading receipts or photos, choose the delivery record or progress report they belong to",
    "请填写购买内容": "Please say what was bought",
    "受益人数不能为负数": "The number of people reached cannot be negative",
    "受益人数不能超过 %(max)s": "The number of people reached cannot exceed %(max)s",
    "支出明细合计不能超过拨付金额 %(total)s：已填 %(done)s，还可填 %(left)s":
        "Spending lines cannot add up to more than the disbursement of %(total)s: %(done)s itemised, "
        "%(left)s left",
    # Form
    "购买内容": "What was bought",
    "公开显示，例如：不锈钢扶手 12 套；只写物品和数量，不写受益人姓名":
        "Shown publicly, e.g. 12 stainless-steel grab rails; goods and quantities only, never a beneficiary's name",
    "只填人数，不填姓名": "A number only, never names",
    "佐证": "Evidence",
    "本项目对该需求的交付记录，或本项目的进展报告；其中的收据和照片会公开显示":
        "This project's delivery record for this need, or one of its progress reports; their receipts and photos "
        "are shown publicly",
    "补充照片（JPEG/PNG）": "Add photos (JPEG/PNG)",
    "保存在所选佐证下；上传后会去除拍摄位置等元数据":
        "Kept with the chosen evidence; location and other metadata are removed on upload",
    "补充收据或文件（PDF）": "Add receipts or documents (PDF)",
    "保存在所选佐证下，会公开显示": "Kept with the chosen evidence and shown publicly",
    "——暂无佐证——": "— no evidence yet —",
    "交付记录 %(day)s：%(what)s": "Delivery record %(day)s: %(what)s",
    "结项报告 %(start)s–%(end)s": "Final report %(start)s–%(end)s",
    "进展报告 %(start)s–%(end)s": "Progress report %(start)s–%(end)s",
    # Portal
    "已添加支出明细": "Spending line added",
    "已保存支出明细": "Spending line saved",
    "修改支出明细": "Edit spending line",
    "拨付 #%(number)s（%(amount)s）给“%(need)s”": "Disbursement #%(number)s (%(amount)s) to “%(need)s”",
    "返回支出明细": "Back to the spending lines",
    "支出明细与佐证<span class=\"visually-hidden\">：拨付 #%(number)s</span>":
        "Spending and evidence<span class=\"visually-hidden\">: disbursement #%(number)s</span>",
    "支出明细与佐证": "Spending and evidence",
    "已列明细": "Itemised",
    "还可列 %(left)s": "%(left)s left to itemise",
    "支出明细说明这笔钱买了什么，不改动账本。明细合计不能超过拨付金额。每条明细关联一份佐证（本项目对该需求的交付记录，或本项目的进展报告）；"
    "佐证中的收据和照片会在项目和需求的公开页面显示，照片上传时去除拍摄位置等元数据。受益人只填人数，不填姓名。":
        "Spending lines say what this money bought; they do not change the ledger. Together they cannot exceed "
        "the disbursement. Each line links one piece of evidence (this project's delivery record for this need, or "
        "one of its progress reports); its receipts and photos are shown on the public project and need pages, and "
        "photos lose their location and other metadata on upload. Count the people reached; never name them.",
    "修改或关联佐证<span class=\"visually-hidden\">：%(what)s</span>":
        "Edit or link evidence<span class=\"visually-hidden\">: %(what)s</span>",
    "还没有支出明细。": "No spending lines yet.",
    "添加支出明细": "Add a spending line",
    "%(title)s（%(county)s）": "%(title)s (%(county)s)",
    # Public pages
    "交付记录 %(day)s（%(by)s）": "Delivery record %(day)s (%(by)s)",
    "佐证照片": "Evidence photo",
    "收据/文件": "Receipt/document",
    "有佐证": "Evidenced",
    "逾期未提供佐证（期限 %(day)s）": "Evidence overdue (due %(day)s)",
    "佐证待提供（%(day)s 前）": "Evidence due by %(day)s",
    "每一笔支出：买了什么，凭什么": "Every spend: what it bought, and the proof",
    "每笔到达需求的资金都列出购买内容、受益人数（只计人数）和佐证（交付记录、进展报告中的收据与照片）；超过信息公开期限仍无佐证的支出标为逾期。":
        "Every sum that reached a need lists what it bought, how many people it reached (counts only) and its "
        "evidence (receipts and photos in delivery records and progress reports); spending still without evidence "
        "after its disclosure deadline is marked overdue.",
    "已支出 %(spent)s，其中有佐证 %(evidenced)s，逾期未提供佐证 %(overdue)s。":
        "Spent %(spent)s, of which %(evidenced)s is evidenced and %(overdue)s is overdue for evidence.",
    "支出明细": "Spending lines",
    "尚未列明细的部分": "Not yet itemised",
    "暂无已到达需求的支出": "No money has reached a need yet",
    "本报告佐证的支出": "Spending this report proves",
    "以及更早的 %(n)s 笔支出：见开放数据 <a href=\"/open-data/spending.csv\">spending.csv</a>。": (
        "and %(n)s earlier spend: see the open data <a href=\"/open-data/spending.csv\">spending.csv</a>.",
        "and %(n)s earlier spends: see the open data <a href=\"/open-data/spending.csv\">spending.csv</a>."),
    "受益 %(n)s 人": ("%(n)s person reached", "%(n)s people reached"),
    "还没有支出明细关联本报告。": "No spending line links this report yet.",
    "在项目资金页为拨付填写支出明细，并关联本报告作为佐证":
        "Itemise a disbursement on the project's money page and link this report as its evidence",
}
