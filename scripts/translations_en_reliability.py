"""English for the failure and hostile-input messages (docs/reliability.md, docs/uploads.md)."""
TRANSLATIONS = {
    "公开内容不能包含身份证号": "Public text must not contain an ID number",
    "公开内容不能包含电话号码（请使用机构的联系方式栏）":
        "Public text must not contain a phone number (use the organisation's contact fields)",
    "公开内容不能包含受益人的姓名、电话、身份证号等个人信息":
        "Public text must not contain a beneficiary's name, phone, ID number or other personal data",
    "匹配须在需求的候选页中推荐产生（缺少需求）":
        "A match is proposed from the need's candidates screen (the need is missing)",
    "匹配须有且只有一个项目或志愿者": "A match needs exactly one project or one volunteer",
    "该需求已有这一匹配": "This need already has this match",
    "行政区划来自国家标准数据集（load_regions），须有6位代码和级别，不能在此新增":
        "Regions come from the national dataset (load_regions): they need a six-digit code and a level "
        "and cannot be added here",
    "文件“%(name)s”过大（%(size).1f MB），上限为 %(limit)d MB":
        "The file “%(name)s” is too large (%(size).1f MB); the limit is %(limit)d MB",
}
