"""Response-time arithmetic (件件有回音). Pure: rows in, figures out; unit-tested without a database."""

import datetime
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class NeedTimes:
    need_id: int
    published_at: datetime.datetime | None
    first_response_at: datetime.datetime | None
    fulfilled_at: datetime.datetime | None

    @property
    def hours_to_first_response(self) -> float | None:
        return _hours(self.published_at, self.first_response_at)

    @property
    def days_to_fulfilment(self) -> float | None:
        hours = _hours(self.published_at, self.fulfilled_at)
        return None if hours is None else hours / 24


def _hours(start, end) -> float | None:
    if start is None or end is None:
        return None
    return max((end - start).total_seconds(), 0) / 3600


@dataclass(frozen=True)
class ResponseSummary:
    key: str
    name: str
    needs: int
    answered: int
    fulfilled: int
    median_hours_to_first_response: float | None
    median_days_to_fulfilment: float | None

    @property
    def answered_share(self) -> float:
        return self.answered / self.needs if self.needs else 0.0


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def summarise(key: str, name: str, times: list[NeedTimes]) -> ResponseSummary:
    response = [t.hours_to_first_response for t in times if t.hours_to_first_response is not None]
    fulfilment = [t.days_to_fulfilment for t in times if t.days_to_fulfilment is not None]
    return ResponseSummary(
        key=key,
        name=name,
        needs=len(times),
        answered=len(response),
        fulfilled=len(fulfilment),
        median_hours_to_first_response=_median(response),
        median_days_to_fulfilment=_median(fulfilment),
    )
