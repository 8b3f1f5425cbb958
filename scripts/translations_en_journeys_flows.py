"""English for the strings of the journeys and edit-forms work (msgid → msgstr); scripts/messages.sh applies it."""

TRANSLATIONS = {
    "该项目已有 %(before)d 项到期的信息公开义务，按新的日期只剩 %(after)d 项；到期的信息公开义务不能因修改日期而消失":
        "This project has %(before)d disclosure duties that have fallen due; with the new dates only %(after)d "
        "would remain. Duties that have fallen due cannot vanish by changing the dates",
    "需求“%(title)s”已审核通过并发布，公众现在可以看到它。":
        "The need “%(title)s” was approved and published: the public can see it now.",
    "匹配候选与推荐": "Candidates and proposals",
    "查看公开页面": "View the public page",
    "待登记交付": "Deliveries to record",
    "暂无待登记交付的需求。": "No accepted needs wait for a delivery record.",
    "推荐给我的需求": "Needs recommended to me",
    "答复推荐": "Answer the recommendations",
    "民政部门认为您适合以下需求。接受或婉拒都会记入需求的公开记录（婉拒请写明理由）。":
        "Civil-affairs staff think you suit these needs. Accepting or declining is recorded on the need's "
        "public log (give a reason when you decline).",
    "暂时没有推荐给您的需求。": "No needs are recommended to you at the moment.",
    "报名参加": "Sign up",
    "志愿者名额 %(slots)s 个": ("%(slots)s volunteer place", "%(slots)s volunteer places"),
    "项目管理": "Manage the project",
    "我负责的地区": "My regions",
    "在%(region)s新增需求": "Add a need in %(region)s",
    "%(region)s的需求": "Needs in %(region)s",
    "录入政府补助": "Record a government grant",
    "待确认拨付": "Disbursements to confirm",
    "一门受理": "One-door intake",
}
