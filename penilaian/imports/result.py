"""What an import reports: per-line errors while the steps run, and the counts at the end."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowError:
    line: int
    messages: list[str]

    @property
    def message(self) -> str:
        return "; ".join(self.messages)


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    appraisals_created: int = 0
    appraisals_updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    periods_opened: list[str] = field(default_factory=list)  # draft periods opened (a preview: to open)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.appraisals_created + self.appraisals_updated

    def counts(self) -> dict:
        return {
            "rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "appraisals_created": self.appraisals_created, "appraisals_updated": self.appraisals_updated,
            "errors": len(self.errors), "periods_opened": self.periods_opened,
        }


class LineErrors:
    """Collects messages per spreadsheet line, keeping the order each line's checks ran in.

    A line with a cell that cannot be read at all (a formula) gets ``add_final``: its message
    stands alone, the later checks' messages about the same line (which would only echo it,
    "NIP is empty" for a formula in the NIP column) are dropped."""

    def __init__(self):
        self.by_line: dict[int, list[str]] = {}
        self.final: set[int] = set()

    def add(self, line: int, message: str) -> None:
        if line not in self.final:
            self.by_line.setdefault(line, []).append(message)

    def add_final(self, line: int, message: str) -> None:
        if line not in self.final:
            self.by_line.pop(line, None)
            self.final.add(line)
        self.by_line.setdefault(line, []).append(message)

    def __contains__(self, line: int) -> bool:
        return line in self.by_line

    def __bool__(self) -> bool:
        return bool(self.by_line)

    def as_list(self) -> list[RowError]:
        return [RowError(line, messages) for line, messages in sorted(self.by_line.items())]
