"""Chart options for Apache ECharts (served from static/vendor/echarts). Every chart also has a table."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    option: dict

    @property
    def option_id(self) -> str:
        return f"{self.chart_id}-option"


def bar_chart(*, chart_id: str, title: str, labels: list[str], values: list) -> Chart:
    return Chart(
        chart_id=chart_id,
        title=title,
        option={
            "aria": {"enabled": True},
            "tooltip": {"trigger": "axis"},
            "grid": {"left": 48, "right": 16, "top": 24, "bottom": 64, "containLabel": True},
            "xAxis": {"type": "category", "data": labels, "axisLabel": {"rotate": 30}},
            "yAxis": {"type": "value"},
            "series": [
                {
                    "type": "bar",
                    "name": title,
                    "data": [v if v is not None else 0 for v in values],
                    "itemStyle": {"color": "#b0221b"},
                }
            ],
        },
    )


PALETTE = ("#b0221b", "#2f6f9f", "#5b8c3a", "#c98a1b")


def grouped_bar_chart(*, chart_id: str, title: str, labels: list[str], series: list[tuple[str, list]]) -> Chart:
    """Several figures per label side by side (e.g. donated and spent per month), with a legend."""
    return Chart(
        chart_id=chart_id,
        title=title,
        option={
            "aria": {"enabled": True},
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0},
            "grid": {"left": 48, "right": 16, "top": 40, "bottom": 64, "containLabel": True},
            "xAxis": {"type": "category", "data": labels, "axisLabel": {"rotate": 30}},
            "yAxis": {"type": "value"},
            "series": [
                {
                    "type": "bar",
                    "name": name,
                    "data": [v if v is not None else 0 for v in values],
                    "itemStyle": {"color": PALETTE[i % len(PALETTE)]},
                }
                for i, (name, values) in enumerate(series)
            ],
        },
    )
