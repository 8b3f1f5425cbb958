"""English for the gap map (缺口地图): measures, map pages, the county detail and the staff map."""

TRANSLATIONS = {
    # measures (matching/outcomes/selectors/gapmap.py)
    "已发布、尚无人响应或匹配的需求条数": "Published needs nobody has answered or been matched to yet",
    "超过7天无响应": "No response after 7 days",
    "发布超过7天仍无任何响应的待响应需求": "Open needs with no response at all 7 days after publication",
    "超过30天无响应": "No response after 30 days",
    "发布超过30天仍无任何响应的待响应需求": "Open needs with no response at all 30 days after publication",
    "资金缺口": "Funding gap",
    "未关闭需求所需资金，减去已捐给、已拨付待确认和已到达这些地区需求的资金；负数表示承诺多于所需":
        "Money asked by needs not closed, minus money given to, allocated to (awaiting confirmation) and "
        "arrived at the area's needs; a negative figure means more was committed than asked",
    "志愿者缺口": "Volunteer gap",
    "未完成需求所需志愿者，减去已接受或已服务的志愿者":
        "Volunteers asked by unfinished needs, minus volunteers accepted or who have served",
    "覆盖本地的项目": "Projects covering the area",
    "服务地区包含本地（本县、所在市、所在省或全国）的进行中项目；市、省为服务其全部或部分地区的项目":
        "Active projects whose service regions include the area (the county, its prefecture, its province or "
        "the whole country); for a prefecture or province, projects serving all or part of it",
    "覆盖项目可用资金": "Funds of covering projects",
    "上述项目登记的可用资金": "Funds available as registered by those projects",
    "覆盖项目志愿者名额": "Volunteer places of covering projects",
    "上述项目登记的志愿者名额": "Volunteer places registered by those projects",
    # views and templates
    "没有这个指标。可选：%(names)s": "No such measure. Choose one of: %(names)s",
    "深度贫困县": "Deep-poverty county",
    "重点帮扶县": "Designated county",
    "该地区不在您的工作范围内：缺口地图只显示您所辖地区的详情":
        "This area is outside your remit: the gap map shows detail only for the areas you cover",
    "缺口地图": "Gap map",
    "%(name)s缺口地图": "Gap map: %(name)s",
    "全国缺口地图": "Gap map: China",
    "缺口地图（工作台）": "Gap map (dashboard)",
    "您负责以下地区，请选择一个：": "You cover these areas; choose one:",
    "缺口地图：本辖区各地的缺口与服务能力": "Gap map: gaps and capacity across your areas",
    "各地待响应需求、资金与志愿者缺口，以及覆盖当地的项目服务能力（仅汇总数字）。":
        "Open needs, funding and volunteer gaps, and the project capacity covering each area (totals only).",
    "地区层级": "Region levels",
    "（工作台）": " (dashboard)",
    "哪里的需求还没人响应、资金和志愿者还差多少，哪里有项目能提供帮助。只显示汇总数字，不含受助人的任何个人信息。":
        "Where needs are still unanswered, how much money and how many volunteers are still missing, and where "
        "projects can help. Totals only: no personal information about beneficiaries.",
    "查看%(name)s的需求": "Needs in %(name)s",
    "本地公开透明数据": "Transparency figures for this area",
    "着色指标": "Colour by",
    "显示": "Show",
    "按“%(measure)s”着色：颜色越深数值越大；县级地图上粗黑边为深度贫困县或重点帮扶县":
        "Coloured by “%(measure)s”: the darker, the larger; on a map of counties a thick black border marks a "
        "deep-poverty or designated county",
    "地图（数据见下表）": "Map (figures in the table below)",
    "各地缺口与服务能力（按“%(measure)s”从大到小）": "Gaps and capacity by area (by “%(measure)s”, largest first)",
    "标记": "Marks",
    "深度贫困县 %(n)s 个": "%(n)s deep-poverty counties",
    "重点帮扶县 %(n)s 个": "%(n)s designated counties",
    "资金缺口 = 未关闭需求所需资金 − 已捐给、已拨付待确认和已到达本地需求的资金；负数表示承诺多于所需。志愿者缺口 = 未完成需求所需志愿者 − 已接受或已服务的志愿者。覆盖本地的项目：服务地区包含本县、所在市、所在省或全国的进行中项目（市、省为服务其全部或部分地区的项目）。少数新设县（区）暂无边界数据，只在表中列出。":
        "Funding gap = money asked by needs not closed − money given to, allocated to (awaiting confirmation) and "
        "arrived at the area's needs; a negative figure means more was committed than asked. Volunteer gap = "
        "volunteers asked by unfinished needs − volunteers accepted or who have served. Projects covering the "
        "area: active projects whose service regions include the county, its prefecture, its province or the "
        "whole country (for a prefecture or province, projects serving all or part of it). A few recently "
        "created counties have no outline yet and appear in the table only.",
    "本地缺口与服务能力": "Gaps and capacity here",
    "各项指标": "All measures",
    "指标": "Measure",
    "数值": "Value",
    "覆盖本地的进行中项目": "Active projects covering this area",
    "显示最新的 %(shown)s 个，共 %(total)s 个": "Showing the newest %(shown)s of %(total)s",
    "暂无服务本地的进行中项目。": "No active project serves this area yet.",
    "发布超过7天仍无响应的需求": "Needs with no response 7 days after publication",
    "急难需求：仍无行动": "Emergency needs: no action yet",
    "缺口地图：哪里的需求还没人响应": "Gap map: where needs are still unanswered",
    "显示等待最久的 %(shown)s 条，共 %(total)s 条": "Showing the %(shown)s that have waited longest, of %(total)s",
    "全部待响应需求": "All open needs",
}
