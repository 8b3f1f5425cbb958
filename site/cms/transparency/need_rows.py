"""Needs as the staff screens list them: rows whose links and labels are worked out once per list."""

from dataclasses import dataclass

from cms.page_links import page_linker
from matching.models import NeedPage
from matching.outcomes.selectors.dashboard import Listed


@dataclass(frozen=True)
class NeedRow:
    """A need as a dashboard row shows it: its link and labels worked out once per list, not per row."""

    title: str
    url: str | None
    county_name: str
    urgency: str
    status: str
    first_published_at: object


class NeedRows:
    """Turns needs into rows: the page links from the loaded ``url_path`` (``page_linker``) and the choice
    labels translated once for the request's language."""

    def __init__(self, request):
        self.link = page_linker(request)
        self.urgency = {value: str(label) for value, label in NeedPage.Urgency.choices}
        self.status = {value: str(label) for value, label in NeedPage.Status.choices}

    def rows(self, needs) -> list[NeedRow]:
        return [
            NeedRow(
                title=n.title,
                url=self.link(n.url_path),
                county_name=n.county.name if n.county_id else "",
                urgency=self.urgency.get(n.urgency, n.urgency),
                status=self.status.get(n.status, n.status),
                first_published_at=n.first_published_at,
            )
            for n in needs
        ]

    def listed(self, listed: Listed) -> Listed:
        return Listed(rows=self.rows(listed.rows), total=listed.total)
