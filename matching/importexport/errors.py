"""Import errors: every one names its line and field (records.md: "Every error names the line number and field")."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class RecordError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, field {self.field}: {self.message}"


class RecordsInvalid(Exception):
    """Raised when a file holds invalid lines and nothing may be written."""

    def __init__(self, errors: list[RecordError]):
        self.errors = sorted(errors)
        super().__init__(f"{len(self.errors)} 处错误，未写入任何数据")
