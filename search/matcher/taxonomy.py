"""Categories (需求/服务类别) and volunteer skills (志愿技能) of the exchange format.

The single source of the codes and their labels (``shared/formats/records.md``). Dependency-free
so that the Django app, the search layer and standalone scripts can all import it.
"""

# code -> (中文, English)
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

CATEGORY_CODES = tuple(CATEGORIES)
SKILL_CODES = tuple(SKILLS)


def category_label(code: str, lang: str = "zh") -> str:
    zh, en = CATEGORIES.get(code, (code, code))
    return zh if lang == "zh" else en


def skill_label(code: str, lang: str = "zh") -> str:
    zh, en = SKILLS.get(code, (code, code))
    return zh if lang == "zh" else en
