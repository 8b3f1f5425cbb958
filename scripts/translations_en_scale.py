"""English for the strings of the kept transparency figures and the scale work (same format as
translations_en.py)."""

TRANSLATIONS = {
    "统计数据更新于 %(at)s（%(ago)s前），由汇总表定时刷新": "Figures as of %(at)s (%(ago)s ago), refreshed from the summary tables",
    "统计数据尚未生成": "The figures have not been computed yet",
}
