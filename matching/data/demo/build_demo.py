"""Write demo_records.jsonl: the demo data of `manage.py load_demo`, in the records format.

Deterministic (fixed seed, no clock): run it again and the file is byte-identical.

    python matching/data/demo/build_demo.py

Drawn from the seed document (a 2020 Ministry of Civil Affairs press release): the designated
counties 莲花县 and 遂川县 in the 罗霄山片区, deep-poverty counties of 三区三州, the three
assistance circles, and the kinds of help it names. Organisation names are fictional.
"""

import csv
import datetime
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from matching.taxonomy import CATEGORIES  # noqa: E402
from matching.uscc import uscc_check_char  # noqa: E402

OUT = HERE / "demo_records.jsonl"
REGIONS_CSV = HERE.parent / "regions.csv"
TODAY = datetime.date(2026, 11, 29)  # the demo's "now": published dates fall before it

COUNTIES = [
    "360321",
    "360827",  # 莲花县、遂川县: designated counties, 罗霄山片区
    "360881",
    "360323",  # 井冈山市 (罗霄山片区), 芦溪县
    "513429",
    "513436",
    "513431",  # 凉山州: 布拖、美姑、昭觉
    "513334",
    "513232",  # 甘孜州理塘、阿坝州若尔盖
    "533323",
    "533324",  # 怒江州: 福贡、贡山
    "622926",
    "622927",  # 临夏州: 东乡、积石山
    "653222",
    "653121",  # 南疆: 和田墨玉、喀什疏附
    "540621",  # 西藏那曲嘉黎
]

# (name, org_type, registration region, service regions, categories, status)
ORGANISATIONS = [
    (
        "萍乡市颐康助老服务中心",
        "social_service_agency",
        "360300",
        ["360300"],
        ["elderly_care", "extreme_poverty"],
        "verified",
    ),
    (
        "吉安市红土地公益协会",
        "social_group",
        "360800",
        ["360800"],
        ["children", "education", "left_behind"],
        "verified",
    ),
    ("江西省赣鄱乡村振兴基金会", "foundation", "360000", ["360000"], ["industry", "employment", "housing"], "verified"),
    (
        "莲花县青禾社会工作服务中心",
        "social_service_agency",
        "360321",
        ["360321"],
        ["left_behind", "community", "children"],
        "verified",
    ),
    ("遂川县金桔产业发展协会", "social_group", "360827", ["360827"], ["industry", "employment"], "verified"),
    (
        "凉山州彝乡暖阳社会工作服务中心",
        "social_service_agency",
        "513400",
        ["513400"],
        ["children", "subsistence", "education"],
        "verified",
    ),
    (
        "四川省雪域康复助残协会",
        "social_group",
        "510000",
        ["513300", "513200", "513400"],
        ["disability", "medical"],
        "verified",
    ),
    (
        "怒江州峡谷之光志愿服务队",
        "volunteer_org",
        "533300",
        ["533300"],
        ["education", "emergency", "community"],
        "verified",
    ),
    (
        "甘肃省河州巾帼帮扶协会",
        "social_group",
        "620000",
        ["622900"],
        ["left_behind", "employment", "industry"],
        "verified",
    ),
    ("新疆南疆惠民医疗救助基金会", "foundation", "650000", ["653200", "653100"], ["medical", "children"], "verified"),
    (
        "西藏高原安居援助中心",
        "social_service_agency",
        "540000",
        ["540000"],
        ["housing", "subsistence", "emergency"],
        "verified",
    ),
    (
        "同心守望慈善基金会",
        "foundation",
        "110000",
        ["000000"],
        ["medical", "emergency", "subsistence", "extreme_poverty"],
        "verified",
    ),
    ("春晖助学公益基金会", "foundation", "310000", ["000000"], ["education", "children"], "verified"),
    ("安澜应急救援协会", "social_group", "420000", ["000000"], ["emergency", "housing"], "verified"),
    ("山海消费帮扶促进会", "social_group", "330000", ["000000"], ["industry", "employment"], "verified"),
    (
        "暖巢养老服务联合会",
        "social_group",
        "440000",
        ["360000", "510000"],
        ["elderly_care", "extreme_poverty"],
        "verified",
    ),
    (
        "禾苗心理关爱服务中心",
        "social_service_agency",
        "420100",
        ["420000", "513400"],
        ["children", "left_behind", "disability"],
        "pending",
    ),
    ("绿野农技推广服务社", "enterprise", "370200", ["622900", "653200"], ["industry", "employment"], "verified"),
    (
        "星火社区营造中心",
        "social_service_agency",
        "360800",
        ["360800", "360300"],
        ["community", "left_behind"],
        "pending",
    ),
    ("康途辅具科技有限公司", "enterprise", "330100", ["000000"], ["disability", "elderly_care"], "suspended"),
]
# GB 32100: 民政 (5) issues 1 社会团体, 2 社会服务机构 (民办非企业单位), 3 基金会; 工商 (9) 1 企业.
USCC_PREFIX = {
    "social_group": "51",
    "social_service_agency": "52",
    "foundation": "53",
    "volunteer_org": "51",
    "enterprise": "91",
}

# category → (need titles, need description lines, skills, amount range in yuan, typical circle)
NEED_KINDS = {
    "subsistence": (
        ["{v}低保户冬季取暖与生活物资", "{v}困难家庭米面油等基本生活物资"],
        "入户走访发现，几户低保家庭冬季缺少棉被和取暖用煤，日常米面油也难以为继。",
        [],
        (20, 80),
        "core",
    ),
    "extreme_poverty": (
        ["{v}失能特困人员护理用品", "{v}分散供养特困老人照料服务"],
        "分散供养的特困老人生活不能完全自理，缺少护理用品和上门照料。",
        ["elderly_care"],
        (30, 120),
        "core",
    ),
    "medical": (
        ["{v}大病患者医疗费用缺口", "{v}慢性病患者常用药品与义诊"],
        "因病致贫的家庭多，几位重病患者医保报销后仍有较大费用缺口，村里也缺少定期义诊。",
        ["medical"],
        (50, 300),
        "low_income",
    ),
    "housing": (
        ["{v}困难户危房改造", "{v}特困家庭住房修缮"],
        "几户困难家庭的土坯房墙体开裂、屋顶漏雨，雨季前需要加固修缮。",
        ["construction"],
        (80, 400),
        "core",
    ),
    "education": (
        ["{v}困难家庭学生助学金", "{v}村小支教与学习用品"],
        "村小缺少英语和音乐老师，困难家庭学生的学习用品和住宿费也有缺口。",
        ["teaching"],
        (10, 60),
        "low_income",
    ),
    "employment": (
        ["{v}脱贫劳动力技能培训", "{v}搬迁群众就业岗位对接"],
        "易地搬迁后不少劳动力缺少技能，希望开展家政、电工等培训并对接岗位。",
        ["teaching", "ecommerce"],
        (20, 100),
        "low_income",
    ),
    "disability": (
        ["{v}重度残疾人康复与辅具", "{v}残疾人居家护理服务"],
        "重度残疾人缺少轮椅、助听器等辅具，家属不会做康复训练。",
        ["rehabilitation"],
        (30, 150),
        "core",
    ),
    "children": (
        ["{v}事实无人抚养儿童关爱", "{v}留守儿童课后托管"],
        "父母外出务工，孩子由祖辈照看，放学后无人辅导，缺少心理关爱。",
        ["childcare", "psychological"],
        (10, 50),
        "core",
    ),
    "left_behind": (
        ["{v}农村留守老人探访关爱", "{v}留守妇女手工技能与互助"],
        "村里留守老人和留守妇女较多，缺少定期探访和互助活动。",
        ["social_work"],
        (10, 40),
        "low_income",
    ),
    "elderly_care": (
        ["{v}敬老院适老化改造", "{v}特困供养服务设施卫浴改造"],
        "敬老院建成时间较长，卫浴没有扶手，缺少呼叫系统，老人洗澡不便。",
        ["construction", "elderly_care"],
        (80, 300),
        "core",
    ),
    "industry": (
        ["{v}特色农产品电商销售", "{v}村集体特色种植产业"],
        "当地特产品质好但销路窄，村集体想发展电商和特色种植，缺少技术和渠道。",
        ["agriculture", "ecommerce"],
        (50, 200),
        "low_income",
    ),
    "emergency": (
        ["{v}突发火灾受灾户临时救助", "{v}意外伤害家庭急难救助"],
        "一户村民遭遇突发事件，基本生活陷入困境，需要小额先行救助，后续分阶段跟进。",
        ["logistics"],
        (5, 30),
        "emergency",
    ),
    "community": (
        ["{v}易地扶贫搬迁安置社区融入", "{v}移风易俗与社区治理"],
        "安置社区新搬来的群众互不熟悉，社区治理和邻里互助需要专业社工支持。",
        ["social_work"],
        (10, 60),
        "low_income",
    ),
}
VILLAGES = ["某乡", "某镇", "某村", "城郊社区", "山区各村", "安置社区"]
NEED_STATUSES = ["open"] * 12 + ["matched", "in_progress", "in_progress", "fulfilled", "closed", "draft"]
URGENCIES = ["normal"] * 6 + ["urgent"] * 3 + ["critical"]
PROJECT_STATUSES = ["active"] * 8 + ["draft", "paused", "completed", "cancelled"]
PROJECT_TITLES = {
    "subsistence": "困难群众基本生活物资保障",
    "extreme_poverty": "特困供养对象照护包",
    "medical": "大病患者救助与巡回义诊",
    "housing": "困难户危房改造援助",
    "education": "山区学子助学与支教",
    "employment": "脱贫劳动力技能培训",
    "disability": "重度残疾人康复辅具援助",
    "children": "留守儿童关爱之家",
    "left_behind": "留守老人与妇女关爱行动",
    "elderly_care": "农村敬老院适老化改造",
    "industry": "特色产业与消费帮扶",
    "emergency": "急难救助快速响应基金",
    "community": "安置社区融入与治理",
}
VOLUNTEERS = [
    ("vol-001", "李老师", ["teaching"], ["360827"], 16, "active"),
    ("vol-002", "周医生", ["medical", "rehabilitation"], ["513400"], 12, "active"),
    ("vol-003", "阿依古丽", ["teaching", "childcare"], ["653200"], 20, "active"),
    ("vol-004", "王师傅", ["construction", "logistics"], ["360300"], 24, "active"),
    ("vol-005", "张社工", ["social_work", "psychological"], ["360321", "360827"], 10, "active"),
    ("vol-006", "马律师", ["legal"], ["000000"], 6, "active"),
    ("vol-007", "扎西", ["agriculture", "ecommerce"], ["540000"], 16, "inactive"),
    ("vol-008", "陈工程师", ["it", "ecommerce"], ["622900"], 8, "active"),
]


def read_regions() -> dict[str, dict]:
    with open(REGIONS_CSV, encoding="utf-8", newline="") as fh:
        return {r["code"]: r for r in csv.DictReader(fh)}


def uscc(prefix: str, region: str, n: int) -> str:
    body = f"{prefix}{region}MJ{n:06d}X"
    return body + uscc_check_char(body)


def yuan(value: int) -> str:
    return f"{value}.00"


def _organisations() -> list[dict]:
    return [
        {
            "kind": "organisation",
            "ref": f"org-{i:03d}",
            "name": name,
            "uscc": uscc(USCC_PREFIX[org_type], home, i),
            "org_type": org_type,
            "service_regions": service,
            "categories": cats,
            "status": status,
        }
        for i, (name, org_type, home, service, cats, status) in enumerate(ORGANISATIONS, start=1)
    ]


def _projects(rng: random.Random, organisations: list[dict]) -> list[dict]:
    projects = []
    for i in range(1, 51):
        org = organisations[(i - 1) % len(organisations)]
        category = org["categories"][(i - 1) // len(organisations) % len(org["categories"])]
        starts = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(0, 600))
        projects.append(
            {
                "kind": "project",
                "ref": f"prj-{i:04d}",
                "organisation": org["ref"],
                "title": f"{PROJECT_TITLES[category]}（{org['name'][:4]}）",
                "summary": NEED_KINDS[category][1][:40],
                "description": f"{org['name']}设立本项目，响应“{CATEGORIES[category][0]}”需求。"
                + NEED_KINDS[category][1],
                "categories": [category],
                "service_regions": org["service_regions"],
                "budget_available": yuan(rng.randrange(5, 60) * 10000),
                "currency": "CNY",
                "volunteer_slots": rng.choice([0, 0, 2, 5, 10]),
                "skills": NEED_KINDS[category][2],
                "starts_on": starts.isoformat(),
                "ends_on": (starts + datetime.timedelta(days=rng.choice([365, 730, 1095]))).isoformat(),
                "status": PROJECT_STATUSES[i % len(PROJECT_STATUSES)],
            }
        )
    return projects


def _need(rng: random.Random, regions: dict, i: int) -> dict:
    category = list(CATEGORIES)[(i - 1) % len(CATEGORIES)]
    titles, description, skills, (low, high), circle = NEED_KINDS[category]
    county = COUNTIES[(i * 7) % len(COUNTIES)] if i > 20 else COUNTIES[i % 2]  # the two designated counties first
    name = regions[county]["name"]
    if i % 9 == 0:
        circle = ["core", "low_income", "emergency"][(i // 9) % 3]  # every circle meets every kind of help somewhere
    status = NEED_STATUSES[i % len(NEED_STATUSES)]
    published = TODAY - datetime.timedelta(days=rng.randrange(1, 300))
    volunteers = rng.choice([0, 0, 1, 2, 3]) if skills else 0
    beneficiaries = rng.randrange(1, 60) if circle != "emergency" else rng.randrange(1, 6)
    return {
        "kind": "need",
        "ref": f"need-{i:04d}",
        "title": rng.choice(titles).format(v=name + rng.choice(VILLAGES)),
        "description": f"{name}民政局摸底排查：{description}\n共涉及{beneficiaries}名困难群众，恳请爱心组织帮扶。",
        "categories": [category],
        "region": county,
        "circle": circle,
        "urgency": "critical" if circle == "emergency" and i % 2 else URGENCIES[i % len(URGENCIES)],
        "beneficiaries": beneficiaries,
        "amount_requested": yuan(rng.randrange(low, high) * 1000),
        "currency": "CNY",
        "volunteers_needed": volunteers,
        "skills": skills if volunteers else [],
        "deadline": (published + datetime.timedelta(days=rng.randrange(90, 720))).isoformat(),
        "published_on": None if status == "draft" else published.isoformat(),
        "status": status,
    }


def _region_records(regions: dict, used: set[str]) -> list[dict]:
    """The regions the other records name, with every ancestor, provinces first."""
    used = used - {"000000"}
    for code in list(used):
        parent = regions[code]["parent"]
        while parent:
            used.add(parent)
            parent = regions[parent]["parent"]
    level = {"province": 0, "prefecture": 1, "county": 2}
    return [
        {
            "kind": "region",
            "code": c,
            "name": regions[c]["name"],
            "parent": regions[c]["parent"] or None,
            "level": regions[c]["level"],
            "tags": sorted(regions[c]["tags"].split()),
        }
        for c in sorted(used, key=lambda c: (level[regions[c]["level"]], c))
    ]


def build() -> list[dict]:
    rng = random.Random(20201123)  # the press conference's date
    regions = read_regions()
    organisations = _organisations()
    projects = _projects(rng, organisations)
    needs = [_need(rng, regions, i) for i in range(1, 101)]
    volunteers = [
        {
            "kind": "volunteer",
            "ref": ref,
            "display_name": name,
            "skills": skills,
            "service_regions": where,
            "hours_per_month": hours,
            "status": status,
        }
        for ref, name, skills, where, hours, status in VOLUNTEERS
    ]
    used = set(COUNTIES)
    for rec in organisations + projects + volunteers:
        used.update(rec["service_regions"])
    return _region_records(regions, used) + organisations + projects + volunteers + needs


def main() -> None:
    records = build()
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{OUT.name}: {len(records)} records")


if __name__ == "__main__":
    main()
