"""A small domain lexicon of social assistance (社会救助): "kinds of help" (帮扶内容).

Each kind of help is one specific thing a need asks for or a project offers (renovating a
敬老院, cataract surgery, after-school care, emergency aid after a fire …) and belongs to one of
the 13 categories of records.md. Its cues mix programme language (特困供养服务设施、适老化改造)
with the colloquial words people use when they ask for it (屋顶漏雨、看不清), because needs are
written by village staff and projects by organisations, and the two rarely share whole phrases.

The lexicon is written from the category definitions of records.md and general knowledge of
China's social-assistance system (低保、特困供养、残疾人两项补贴、临时救助、儿童主任、农村留守
人员关爱、易地扶贫搬迁后续扶持 …). It is deliberately generic: cues are everyday words for each
kind of help, not phrases of any particular record. Cues are matched as substrings of a sentence,
so a cue also matches longer words that contain it (扶手 → 卫浴扶手). A cue written ``~word`` is
weak evidence (``WEAK_CUE`` of a cue): generic words such as 扶手、维修、照护 that support a kind
of help but also occur in others; the kind is identified by its strong cues (敬老院、危房).

Eligibility words (低保户、特困人员、低收入家庭) are deliberately *not* cues: they say who is
helped, not what help is asked for, and almost every need mentions them.
"""

# code: (category, 中文 label, cues)
KINDS_OF_HELP: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # 基本生活救助
    "living_supplies": ("subsistence", "生活物资救助", (
        "生活物资", "米面", "粮油", "食用油", "口粮", "食品包", "过冬", "越冬", "御寒", "棉被",
        "被褥", "棉衣", "冬衣", "衣物", "取暖", "烤火", "燃煤", "煤炭", "电热毯", "生活用品", "温饱",
        "冻疮", "挨饿", "吃不饱", "穿不暖")),
    "subsistence_benefit": ("subsistence", "低保兜底与救助申请", (
        "低保金", "最低生活保障金", "应保尽保", "申请低保", "低保申请", "救助申请", "政策咨询",
        "帮办代办", "~代办", "~认定", "基本生活费", "生活困难补助", "~兜底")),
    # 特困人员救助供养
    "extreme_poverty_care": ("extreme_poverty", "特困人员照料服务", (
        "分散供养", "集中供养", "五保", "委托照料", "照料服务", "照料人", "生活照料",
        "供养对象", "供养人员", "无人照料", "没人照顾", "失能特困")),
    "nursing_supplies": ("extreme_poverty", "护理用品援助", (
        "纸尿裤", "尿不湿", "成人尿", "护理垫", "护理用品", "护理物资", "护理耗材",
        "防压疮", "气垫床", "褥疮", "压疮", "失禁", "消毒用品", "翻身")),
    "caregiver_training": ("extreme_poverty", "护理人员培训", (
        "护理员", "护工", "照护技能", "护理技能", "护理培训", "持证上岗", "职业技能等级",
        "照护培训", "带教")),
    # 医疗救助
    "eye_care": ("medical", "眼病筛查与复明", (
        "白内障", "复明", "眼疾", "眼病", "致盲", "失明", "看不清", "视力", "眼科", "防盲",
        "青光眼", "晶体", "~眼睛")),
    "free_clinic": ("medical", "义诊巡诊与健康检查", (
        "义诊", "巡诊", "巡回诊疗", "巡回医疗", "体检", "健康检查", "医疗队", "看病难", "就医难",
        "移动医疗", "健康讲座", "送医", "~送药", "~诊疗", "~筛查", "结核",
        "地方病")),
    "child_serious_illness": ("medical", "儿童大病救治", (
        "先心病", "先天性心脏病", "心脏病", "白血病", "患儿", "唇腭裂", "脑积水", "儿童大病",
        "儿童医院", "小儿", "早产")),
    "chronic_medicine": ("medical", "慢病用药保障", (
        "慢病", "慢性病", "高血压", "糖尿病", "降压", "降糖", "药费", "~药品", "吃药", "服药",
        "~用药", "签约医生", "家庭医生")),
    "serious_illness": ("medical", "大病医疗费用救助", (
        "大病", "重病", "癌症", "肿瘤", "尿毒症", "透析", "化疗", "住院费", "医疗费", "自付",
        "因病致贫", "因病返贫", "二次报销")),
    # 住房救助
    "dilapidated_house": ("housing", "危房改造", (
        "危房", "倒塌", "墙体开裂", "裂缝", "房屋鉴定", "C级", "D级", "拆除重建", "原址重建",
        "翻建", "抗震", "土坯房", "住房安全", "住不安全")),
    "house_repair": ("housing", "住房修缮", (
        "修缮", "漏雨", "漏水", "屋顶", "屋面", "瓦片", "门窗", "线路", "电线", "改厨", "改厕",
        "厕所", "灶台", "烟道", "小修小补", "翻修", "~维修", "~房子", "~住房")),
    # 教育救助
    "student_aid": ("education", "助学金资助", (
        "助学金", "奖学金", "学费", "上不起学", "辍学", "失学", "升学", "新生", "资助学生",
        "贫困学生", "寄宿生", "生活费补助", "助学")),
    "volunteer_teaching": ("education", "支教与师资支持", (
        "支教", "师资", "老师短缺", "缺老师", "教师短缺", "代课", "双师课堂", "普通话", "~英语",
        "音乐课", "美术课", "科学课", "~课程", "教学质量", "授课")),
    "school_supplies": ("education", "学习用品与图书", (
        "学习用品", "文具", "书包", "图书", "课外书", "读物", "阅读", "图书室", "图书角",
        "教学器材", "教学设备", "校服", "课桌")),
    # 就业帮扶
    "skills_training": ("employment", "职业技能培训", (
        "技能培训", "职业培训", "一技之长", "实训", "培训班", "电焊", "厨师", "家政",
        "月嫂", "育婴", "挖掘机", "汽修", "职业技能", "技能证书", "就业培训")),
    "job_matching": ("employment", "就业岗位对接", (
        "招聘", "岗位", "劳务输出", "劳务协作", "有组织外出", "用工", "稳岗", "找工作", "工作岗位",
        "就业信息", "招工", "中介", "帮扶车间", "就业服务", "求职", "~劳动力")),
    # 残疾人帮扶
    "assistive_devices": ("disability", "残疾人辅具适配", (
        "辅具", "辅助器具", "轮椅", "假肢", "助听器", "拐杖", "助行器", "坐便椅", "矫形",
        "盲杖", "~适配", "听力")),
    "disability_care": ("disability", "重度残疾人照护", (
        "重度残疾", "一级残疾", "二级残疾", "一、二级", "托养", "护理补贴", "喘息", "上门护理",
        "瘫痪", "生活补贴", "两项补贴", "日间照料")),
    "rehabilitation": ("disability", "康复训练", (
        "康复", "孤独症", "自闭症", "脑瘫", "言语训练", "肢体残疾", "智力残疾", "残疾儿童",
        "功能训练", "康复训练")),
    "barrier_free": ("disability", "无障碍改造", (
        "无障碍", "坡道")),
    # 儿童关爱
    "orphan_support": ("children", "孤困儿童生活保障", (
        "孤儿", "事实无人抚养", "困境儿童", "~监护", "助养", "~结对", "基本生活补贴",
        "抚养")),
    "child_psychology": ("children", "儿童心理关爱", (
        "心理", "焦虑", "抑郁", "自卑", "~情绪", "~失眠", "沙盘", "厌学", "自伤")),
    "child_workforce": ("children", "儿童主任与关爱队伍建设", (
        "儿童主任", "儿童督导员", "督导", "转介", "监护缺失", "儿童福利", "儿童工作", "~赋能",
        "~能力建设")),
    "after_school_care": ("children", "课后看护与四点半课堂", (
        "课后", "放学", "四点半", "作业辅导", "辅导作业", "托管", "~看护", "儿童之家", "溺水",
        "~暑期", "~假期", "无人照看")),
    # 留守人员关爱
    "left_behind_elderly": ("left_behind", "留守老人关爱探访", (
        "留守老人", "探访", "巡访", "陪伴", "聊天", "精神慰藉", "电话问候", "孤独", "~互助",
        "~关爱服务")),
    "left_behind_women": ("left_behind", "留守妇女关爱", (
        "留守妇女", "妇女", "家暴", "家庭暴力", "婚姻", "法律援助", "维权", "普法", "姐妹",
        "~手工", "巧手", "~心理支持")),
    # 养老服务
    "elderly_facility": ("elderly_care", "敬老院（供养服务设施）改造", (
        "敬老院", "养老院", "供养服务设施", "福利院", "光荣院", "院舍", "适老化", "~呼叫",
        "~防滑", "~扶手", "~卫浴", "~宿舍", "~消防设施", "~院内")),
    "home_elderly_care": ("elderly_care", "居家养老上门服务", (
        "居家养老", "上门服务", "助浴", "助洁", "助医", "洗澡", "打扫", "空巢", "~高龄",
        "失能老人", "~入户", "~照护", "~独居", "代购")),
    "elderly_meals": ("elderly_care", "老年助餐", (
        "老年食堂", "长者饭堂", "助餐", "送餐", "饭菜", "吃饭", "一日三餐", "食堂", "营养餐",
        "低盐")),
    # 产业与消费帮扶
    "produce_sales": ("industry", "农产品销售与消费帮扶", (
        "农产品", "农特产品", "农副产品", "土特产", "特产", "滞销", "销路", "卖不出去", "卖不掉",
        "采购", "消费帮扶", "专柜", "专馆", "收购")),
    "ecommerce": ("industry", "电商与品牌营销", (
        "电商", "网店", "直播", "带货", "网络销售", "线上销售", "网上销售", "~包装", "~品牌",
        "上架", "短视频", "~快递")),
    "industry_development": ("industry", "特色产业发展", (
        "种苗", "农资", "种植", "养殖", "~产业", "农技", "技术指导", "病虫害", "中药材",
        "启动资金", "良种", "大棚", "果树", "养牛", "养羊", "养鸡", "科技特派员", "~增收")),
    # 急难救助
    "disaster_relief": ("emergency", "灾害事故临时救助", (
        "火灾", "失火", "起火", "烧毁", "洪水", "洪灾", "水灾", "地震", "泥石流", "冰雹",
        "受灾", "灾后", "过渡安置", "无处安身", "重建家园", "应急物资", "无家可归")),
    "sudden_hardship": ("emergency", "急难临时救助", (
        "车祸", "交通事故", "意外", "工伤", "坠落", "骨折", "突发", "急难", "临时救助",
        "先行救助", "燃眉之急", "抢救", "ICU")),
    # 社区治理
    "relocation_community": ("community", "搬迁安置社区服务", (
        "安置社区", "安置点", "安置区", "易地扶贫搬迁", "易地搬迁", "搬迁群众", "邻里", "社区融入",
        "社工站", "网格", "楼栋", "~楼房", "社区治理", "~矛盾")),
    "customs_reform": ("community", "移风易俗", (
        "移风易俗", "彩礼", "红白喜事", "大操大办", "人情", "随礼", "村规民约", "陋习", "婚丧",
        "厚葬", "攀比", "红白理事会")),
}

WEAK_CUE = 0.6

KIND_CATEGORY = {code: cat for code, (cat, _label, _cues) in KINDS_OF_HELP.items()}
KIND_LABEL = {code: label for code, (_cat, label, _cues) in KINDS_OF_HELP.items()}
