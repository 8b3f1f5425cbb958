"""A need and a project of the same kind of help find each other although they are written in
different registers: a 12349 hotline transcript, a village WeChat post, a bureau notice, a
fundraising brochure, an annual report, a terse grant application, civil-affairs jargon,
traditional characters with a typo. The texts are written for these tests (none comes from an
evaluation set); every other pair's need and project is a distractor, and so is a neighbour of
each kind of help (same category, another kind) written in tidy programme language."""

import pytest

from search.matcher import rank

from .builders import TODAY, make_need, make_project

# register: (need title, need description, project title, project summary, project description)
PAIRS = {
    "hotline": (
        "热线来电：村里老人眼睛看不清",
        (
            "喂，您好。嗯，那个，我是村里的网格员。就是我们村有好几个老人，眼睛像蒙了层雾，看东西模模糊糊的，"
            "镇卫生院说可能是白内障。嗯，去县里做手术得好几千，他们舍不得。能不能请医生来看看，帮忙做个手术？谢谢您啊。"
        ),
        "点亮双眼：为山区老人送光明",
        "每捐三千元，就能帮一位白内障老人做复明手术",
        (
            "眼前的世界一片模糊，是很多山区老人的日常。您的每一份爱心，都会变成一台复明手术。我们与县医院眼科合作，"
            "先筛查、再手术、后随访。"
        ),
    ),
    "brochure": (
        "困难家庭子女职业教育资助需求",
        (
            "经排查，辖区建档立卡脱贫户、防返贫监测户家庭子女就读中职、高职的有三十余人，学费和生活费负担重，"
            "部分学生有辍学风险。拟申请雨露计划配套资助，帮助其完成学业。"
        ),
        "圆梦助学：让每个孩子读得起书",
        "每月捐200元，就能帮一名困难学生安心上学",
        (
            "一份助学金，可能改变一个孩子的一生。我们为困难家庭的中职、高职学生发放助学金，"
            "并安排志愿者与学生结对，陪伴他们完成学业。"
        ),
    ),
    "wechat": (
        "孩子放学没人管，谁来帮帮忙",
        (
            "各位家长朋友，我们村的娃娃爸妈都在外地打工，放学后就在河边、马路上乱跑，作业也没人看🙏 "
            "想在村委会腾间屋子，找几位志愿者下午陪孩子写写作业。有意的私信我！"
        ),
        "关于在各村儿童之家开设四点半课堂的公告",
        "为留守儿童提供放学后的看护与作业辅导",
        (
            "为做好农村留守儿童关爱保护工作，本中心在各村儿童之家开设四点半课堂，由儿童主任和志愿者负责课后看护、"
            "作业辅导和阅读活动。特此公告。"
        ),
    ),
    "notice": (
        "关于为某村火灾受灾户募集救助的公告",
        (
            "本月初，某村一农户因电线短路引发火灾，房屋及家中衣物、粮食全部烧毁，一家四口暂住邻居家中。"
            "经乡民政办核实，现向社会募集临时救助资金及棉被、衣物等物资。特此公告。"
        ),
        "突发火灾？我们第一时间赶到",
        "给遭了火灾的家庭送去救急钱和被褥衣服",
        (
            "家里着火、东西烧光的时候，最难熬的是头几天。我们会马上送去棉被、衣服、锅碗，再发一笔临时救助金，"
            "帮大家先找个地方住下来。有需要的乡亲可以直接联系我们！"
        ),
    ),
    "annual_report": (
        "热线：独居老人吃饭成问题",
        (
            "嗯，你好，我想反映个事儿。我们社区好些独居老人，那个，年纪大了做不动饭，经常一天就吃一顿，"
            "有的就啃冷馒头。能不能搞个老年食堂，或者给他们送送饭？"
        ),
        "2025年度老年助餐服务年报",
        "全年为高龄、独居老人提供助餐和送餐上门",
        (
            "本年度，项目在12个村设立助餐点，全年供餐三万余人次，并为行动不便的老人送餐上门。"
            "年度支出中，食材与厨房运营占八成。"
        ),
    ),
    "grant_line": (
        "残疾人辅具适配",
        "肢体残疾16人，拐杖、轮椅破损。申请3万元适配辅具。",
        "行走的力量",
        "捐一千元，就能为一位残疾人送去一辆轮椅",
        (
            "对很多残疾朋友来说，一辆合适的轮椅、一副好用的拐杖，就是走出家门的开始。我们请康复师上门评估，"
            "按需适配轮椅、助行器和拐杖。"
        ),
    ),
    "jargon": (
        "分散供养特困人员委托照料服务需求",
        "我乡分散供养特困人员（五保户）9名，生活不能完全自理，委托照料协议落实不到位。申请资金为其购买照料护理服务。",
        "特困老人照料",
        "特困供养对象上门照料",
        "为分散供养的特困老人购买照料服务，护理员每周上门三次，帮助洗漱、做饭、打扫。资金5万元。",
    ),
    "typo_trad": (
        "某村低保戶房屋成了危房，牆體開裂",
        "村委會反映：戶主家的土坯房牆體開裂，房梁也歪了，經鑒定為D級危房，一家人不敢住。懇請幫助拆除重建，危房改造資金還差五萬元。",
        "农村C/D级危房改造帮扶",
        "对鉴定为C级、D级危房的困难户实施加固改造或拆除重建",
        "落实住房安全有保障要求，对低保户、分散供养特困人员、低边户等的C/D级危房，按鉴定结论实施加固改造或拆除重建。",
    ),
}
REGISTERS = list(PAIRS)

# Neighbours of each kind of help above (same category, other kind), in tidy programme language:
# (need title, need description, project title, project summary)
NEIGHBOURS = [
    (
        "村民住房漏雨需修缮",
        "村委会反映：几户困难群众房屋屋面漏雨、门窗破损、电线老化。恳请帮助修缮。",
        "困难家庭住房修缮",
        "为困难家庭翻修屋面、更换门窗和老化电线",
    ),
    (
        "村里看病难，希望开展义诊",
        "村卫生室条件差，群众看病要走远路。希望医疗队来村里义诊，测血压、看常见病。",
        "乡村义诊巡诊",
        "组织医疗队到偏远村开展义诊巡诊和健康检查",
    ),
    (
        "高龄老人助浴助洁需求",
        "村里高龄老人打扫卫生、洗澡困难。需要养老护理员定期上门助浴助洁。",
        "居家养老上门服务",
        "为高龄、失能老人提供助洁、助浴、助医等上门服务",
    ),
    (
        "留守儿童心理疏导需求",
        "学校反映：部分留守儿童焦虑、自卑、厌学。希望心理咨询师到校开展心理辅导。",
        "留守儿童心理关爱",
        "开展心理健康课、沙盘游戏和个案心理辅导",
    ),
    (
        "大病患者医疗费求助",
        "村民患尿毒症需长期透析，医疗费自付部分负担很重。恳请大病医疗救助。",
        "大病医疗救助",
        "对因病致贫家庭的住院自付费用给予救助",
    ),
    (
        "脱贫劳动力技能培训需求",
        "村里青壮年缺少一技之长。希望开展电焊、厨师等职业技能培训。",
        "职业技能培训",
        "开展电焊、厨师、家政等职业技能培训并推荐就业",
    ),
    (
        "重度残疾人托养需求",
        "一级残疾人常年卧床，家属照料负担重。盼望建立托养机构，提供日间照料。",
        "重度残疾人托养",
        "为一、二级重度残疾人提供日间照料和托养服务",
    ),
    (
        "敬老院设施改造需求",
        "乡敬老院卫生间没有扶手，房间没有呼叫铃。恳请帮助改造敬老院。",
        "农村敬老院适老化改造",
        "为特困供养服务设施改造卫浴、加装扶手与呼叫系统",
    ),
]


def pool():
    needs, projects = [], []
    for register, (nt, nd, pt, ps, pd) in PAIRS.items():
        # Labels say nothing here: the texts alone must pair them.
        needs.append(
            make_need(ref=f"need-{register}", title=nt, description=nd, categories=[], amount_requested=0, skills=[])
        )
        projects.append(
            make_project(
                ref=f"prj-{register}",
                title=pt,
                summary=ps,
                description=pd,
                categories=[],
                skills=[],
                service_regions=["000000"],
            )
        )
    for i, (nt, nd, pt, ps) in enumerate(NEIGHBOURS):
        needs.append(
            make_need(ref=f"need-n{i}", title=nt, description=nd, categories=[], amount_requested=0, skills=[])
        )
        projects.append(
            make_project(
                ref=f"prj-n{i}",
                title=pt,
                summary=ps,
                description="",
                categories=[],
                skills=[],
                service_regions=["000000"],
            )
        )
    return needs, projects


@pytest.mark.parametrize("direction", ["need_to_project", "project_to_need"])
@pytest.mark.parametrize("register", REGISTERS)
def test_a_need_and_a_project_of_one_kind_of_help_find_each_other_across_registers(register, direction):
    needs, projects = pool()
    if direction == "need_to_project":
        source, candidates, wanted = (
            next(n for n in needs if n["ref"] == f"need-{register}"),
            projects,
            f"prj-{register}",
        )
    else:
        source, candidates, wanted = (
            next(p for p in projects if p["ref"] == f"prj-{register}"),
            needs,
            f"need-{register}",
        )
    results = rank(source, candidates, direction=direction, today=TODAY, limit=3)
    assert wanted in [r.ref for r in results]
