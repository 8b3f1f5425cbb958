"""Categories and skills of the exchange format (records.md), with Chinese and English labels.

Pure data, no Django: the matcher, the importer and the models all read it from here.
"""

CATEGORIES: dict[str, tuple[str, str]] = {
    "subsistence": ("基本生活救助", "Basic living assistance"),
    "extreme_poverty": ("特困人员救助供养", "Support for persons in extreme poverty"),
    "medical": ("医疗救助", "Medical assistance"),
    "housing": ("住房救助", "Housing assistance"),
    "education": ("教育救助", "Education assistance"),
    "employment": ("就业帮扶", "Employment support"),
    "disability": ("残疾人帮扶", "Support for persons with disabilities"),
    "children": ("儿童关爱", "Child care and protection"),
    "left_behind": ("留守人员关爱", "Care for left-behind people"),
    "elderly_care": ("养老服务", "Elderly care"),
    "industry": ("产业与消费帮扶", "Industry and consumption support"),
    "emergency": ("急难救助", "Emergency assistance"),
    "community": ("社区治理", "Community governance"),
}
SKILLS: dict[str, tuple[str, str]] = {
    "construction": ("建筑施工", "Construction"),
    "teaching": ("教学", "Teaching"),
    "medical": ("医疗", "Medical"),
    "rehabilitation": ("康复", "Rehabilitation"),
    "psychological": ("心理咨询", "Psychological counselling"),
    "social_work": ("社会工作", "Social work"),
    "legal": ("法律", "Legal"),
    "agriculture": ("农业技术", "Agriculture"),
    "ecommerce": ("电商运营", "E-commerce"),
    "logistics": ("物流配送", "Logistics"),
    "elderly_care": ("养老护理", "Elderly care"),
    "childcare": ("儿童照护", "Childcare"),
    "it": ("信息技术", "IT"),
}

ORG_TYPES: dict[str, tuple[str, str]] = {
    "social_group": ("社会团体", "Social group"),
    "foundation": ("基金会", "Foundation"),
    "social_service_agency": ("社会服务机构", "Social service agency"),
    "volunteer_org": ("志愿服务组织", "Volunteer organisation"),
    "enterprise": ("企业", "Enterprise"),
}

REGION_TAGS = ("deep_poverty", "designated_county", "poverty_county")
CONTIGUOUS_AREA_PREFIX = "contiguous_area:"
NATIONWIDE = "000000"


def category_label(code: str, lang: str = "zh") -> str:
    zh, en = CATEGORIES.get(code, (code, code))
    return en if lang == "en" else zh


def skill_label(code: str, lang: str = "zh") -> str:
    zh, en = SKILLS.get(code, (code, code))
    return en if lang == "en" else zh


def is_valid_region_tag(tag: str) -> bool:
    return tag in REGION_TAGS or (tag.startswith(CONTIGUOUS_AREA_PREFIX) and len(tag) > len(CONTIGUOUS_AREA_PREFIX))
