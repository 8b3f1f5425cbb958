"""English for the conflict-of-interest strings (scripts/messages.sh merges this with the others)."""

TRANSLATIONS = {
    "本人是该组织成员": "I am a member of the organisation",
    "亲属在该组织任职或受益": "A relative works for or benefits from the organisation",
    "曾在或正在该组织任职、兼职": "I work or worked for the organisation (full or part time)",
    "理事、监事或顾问": "Board member, supervisor or adviser",
    "本人或亲属向该组织捐赠": "I or a relative donate to the organisation",
    "经济往来": "Business dealings",
    "其他关系": "Another relationship",
    "申报人": "Declared by",
    "关系类型": "Kind of relationship",
    "申报时间": "Declared on",
    "撤回时间": "Withdrawn on",
    "撤回理由": "Reason for withdrawing",
    "利益申报": "Declarations of interest",
    "利益申报不能删除，只能撤回": "A declaration of interest cannot be deleted, only withdrawn",
    "答复匹配": "Answer a match",
    "审批拨付": "Approve a disbursement",
    "确认拨付": "Confirm a disbursement",
    "驳回拨付": "Reject a disbursement",
    "决定人不是该组织成员，也没有申报与该组织的利益关系": (
        "The decider is not a member of the organisation and has declared no interest in it"
    ),
    "决定人不是该项目的负责人": "The decider does not lead the project",
    "决定类型": "Kind of decision",
    "决定人": "Decided by",
    "决定对象": "Decided about",
    "所属地区代码": "Region code",
    "利益冲突核查": "Conflict-of-interest check",
    "无已申报的利益关系": "No declared interest applied",
    "决定时间": "Decided at",
    "决定记录": "Decision records",
    "已审批": "Approved",
    "已先行救助": "Advance released",
    "决定记录只能追加，不能修改": "Decision records can only be added, never changed",
    "决定记录只能追加，不能删除": "Decision records can only be added, never deleted",
    "您是“%(organisation)s”的%(role)s": "You are %(role)s of “%(organisation)s”",
    "您于%(date)s申报了与“%(organisation)s”的利益关系：%(kind)s（%(reason)s）": (
        "On %(date)s you declared an interest in “%(organisation)s”: %(kind)s (%(reason)s)"
    ),
    "此决定转由同一范围内的以下人员作出：%(names)s。": "This decision goes to these people of the same scope: %(names)s.",
    "同一范围内目前没有其他可以作出此决定的人员，请联系上级部门。": (
        "Nobody else of the same scope can take this decision at the moment; please contact the higher authority."
    ),
    "%(why)s，按利益冲突回避规定，您不能%(decision)s。": (
        "%(why)s, so under the conflict-of-interest rule you may not %(decision)s. "
    ),
    "您是项目“%(project)s”的负责人": "You lead the project “%(project)s”",
    "经办人不能审批自己发起的拨付": "The person who started a disbursement cannot approve it",
    "只有该组织的管理员可以审批拨付": "Only an admin of the organisation can approve disbursements",
    "审批这笔拨付": "approve this disbursement",
    "只有需求所在地区的民政干部可以确认拨付": "Only officers of the need's region can confirm disbursements",
    "确认这笔拨付": "confirm this disbursement",
    "只有需求所在县（区）的民政干部可以先行救助": "Only officers of the need's county can release an emergency advance",
    "从该组织的项目先行救助": "release an emergency advance from this organisation's project",
    "只有该需求所在地区民政部门的干部可以答复组织的自荐": (
        "Only officers of the need's region can answer an organisation's own proposal"
    ),
    "答复这项匹配": "answer this match",
    "审核该组织": "vet this organisation",
    "加入该组织（%(role)s）": "Joined the organisation (%(role)s)",
    "利益回避：请您%(decision)s": "Conflict of interest: please %(decision)s",
    "一位工作人员": "A member of staff",
    "%(who)s与“%(organisation)s”有利益关系，已回避；此决定由您作出。": (
        "%(who)s has an interest in “%(organisation)s” and stood aside; the decision is yours."
    ),
    "请填写社会组织的名称或统一社会信用代码": "Enter the organisation's name or unified social credit code",
    "没有找到名称或统一社会信用代码为“%(text)s”的社会组织": (
        "No organisation has the name or unified social credit code “%(text)s”"
    ),
    "有多个同名的社会组织，请填写统一社会信用代码": (
        "Several organisations have that name; enter the unified social credit code"
    ),
    "请先登录": "Please sign in first",
    "请选择关系类型": "Choose the kind of relationship",
    "请说明与该组织的关系": "Describe your relationship with the organisation",
    "说明不能超过500字": "The description cannot exceed 500 characters",
    "您已申报过与该组织的这类关系": "You have already declared this kind of relationship with the organisation",
    "该申报已于%(date)s撤回": "This declaration was withdrawn on %(date)s",
    "项目负责人必须是本组织的成员": "The project lead must be a member of the organisation",
    "已请同一范围内的其他干部审核“%(name)s”": "Other officers of the same scope were asked to vet “%(name)s”",
    "只有民政工作人员可以查看利益冲突报告": "Only civil-affairs staff can see the conflict-of-interest report",
    "利益冲突": "Conflicts of interest",
    "项目负责人": "Project lead",
    "本组织的一位成员；新建项目时不指定即为创建人。项目负责人不能审批本项目的拨付，须由其他管理员审批。": (
        "A member of the organisation; a new project without one is led by its author. The project lead cannot "
        "approve the project's disbursements: another admin must."
    ),
    "（未指定）": "(not set)",
    "利益冲突申报": "Declaring interests",
    "与某个社会组织有亲属、任职、捐赠等关系时，请在此申报；涉及该组织的审核、匹配和拨付将由其他人员决定。": (
        "If you have a relative, a job, a donation or another tie with an organisation, declare it here; "
        "vetting, matches and money involving that organisation will then be decided by someone else."
    ),
    "我的利益申报": "My declarations of interest",
    "您不能审核、答复匹配、审批或确认拨付涉及与您有利益关系的社会组织的事项；这些决定会转交同一范围内的其他人员。申报只有您本人和负责该组织所在地区的民政工作人员可以看到，不会公开。": (
        "You may not vet, answer matches for, or approve or confirm money involving an organisation you have an "
        "interest in; those decisions go to other people of the same scope. Only you and the civil-affairs staff "
        "of the organisation's region see your declarations; they are never published."
    ),
    "自动计入的关系（组织成员）": "Counted automatically (memberships)",
    "您不是任何社会组织的成员。": "You are not a member of any organisation.",
    "我的申报": "My declarations",
    "有效": "In force",
    "撤回": "Withdraw",
    "已于%(date)s撤回": "Withdrawn on %(date)s",
    "您还没有申报过利益关系。": "You have not declared any interest yet.",
    "申报新的利益关系": "Declare a new interest",
    "申报": "Declare",
    "填写组织的全称或统一社会信用代码": "The organisation's full name or unified social credit code",
    "例如：配偶在该组织任项目主管（2024年起）": "For example: my spouse has managed projects there since 2024",
    "已申报与“%(name)s”的利益关系。涉及该组织的决定将由其他人员作出。": (
        "Your interest in “%(name)s” is declared. Decisions involving it will be taken by someone else."
    ),
    "已撤回对“%(name)s”的申报，记录仍保留。": "Your declaration about “%(name)s” is withdrawn; the record is kept.",
    "利益冲突回避": "Conflict of interest",
    "与某个社会组织有利益关系时请先申报；涉及它的审核、匹配答复和拨付确认会转交同一范围内的其他干部。": (
        "Declare any interest in an organisation first; vetting it, answering its matches and confirming its "
        "money then go to other officers of the same scope."
    ),
    "利益冲突报告": "Conflict-of-interest report",
    "通知他们作出决定": "Ask them to decide",
    "决定之后才申报利益关系的决定": "Decisions taken before an interest was declared",
    "以下决定作出时，决定人没有申报与该组织的利益关系；决定之后，他们申报了利益关系或加入了该组织。请复核这些决定。": (
        "When these decisions were taken the decider had declared no interest in the organisation; afterwards "
        "they declared one or joined it. Please review them."
    ),
    "需求或项目": "Need or project",
    "后来申报的关系": "Interest declared later",
    "您负责的地区没有这样的决定。": "There are no such decisions in your region.",
    "本地区社会组织的利益申报": "Declarations about organisations of your region",
    "没有利益申报。": "No declarations.",
    "您与“%(name)s”有利益关系（组织成员或已申报），不能作出此决定；请由同一范围内的其他干部决定。": (
        "You have an interest in “%(name)s” (a membership or a declaration), so you may not take this decision; "
        "another officer of the same scope must."
    ),
    "您是本项目的负责人：本项目需要审批的拨付须由本组织的其他管理员审批，您不能审批。": (
        "You lead this project: its disbursements that need approval must be approved by another admin of the "
        "organisation, not by you."
    ),
}
