"""The feedback list staff work through: every vote and unanswered question of every channel, one entry per
question (after the same turn before, for a follow-up), with its counts, its last time and its state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Protocol

from knowledge.chat.state import feedback_key
from knowledge.model import FeedbackMark, FeedbackRow, FeedbackState

# Staff read times in Beijing time (China has no daylight saving, so a fixed offset is exact).
BEIJING = timezone(timedelta(hours=8), "北京时间")


class FeedbackSource(Protocol):
    """Where the staff pages read and mark the feedback: the service every channel votes through."""

    def feedback(self) -> list[FeedbackRow]:
        """Votes and unanswered questions, oldest first."""

    def feedback_marks(self) -> dict[str, FeedbackMark]:
        """The state of each entry marked, by its key."""

    def mark_feedback(self, key: str, state: str) -> None:
        """Give the entry `key` a state."""


def beijing_time(at: float) -> str:
    """A time as staff read it: Beijing time, to the minute."""
    return datetime.fromtimestamp(at, UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class FeedbackEntry:
    """One entry of the list: a question (and the turn before it, for a follow-up), how it fared, and its state.

    `state` is what staff set; an entry never marked, or missed or voted wrong again after it was marked, is
    open (`reopened` says which).
    """

    key: str
    question: str
    previous: str
    not_found: int
    voted_wrong: int
    voted_right: int
    chats: int
    last_at: float
    state: FeedbackState = "open"
    reopened: bool = False

    @property
    def count(self) -> int:
        return self.not_found + self.voted_wrong + self.voted_right

    @property
    def last_text(self) -> str:
        return beijing_time(self.last_at)


@dataclass
class _Tally:
    """The rows of one entry counted so far; the wording shown is the latest row's."""

    question: str = ""
    previous: str = ""
    counts: list[int] = field(default_factory=lambda: [0, 0, 0])  # not found, voted wrong, voted right
    chats: set[str] = field(default_factory=set)
    last_at: float = 0.0
    last_problem: float = 0.0

    def add(self, row: FeedbackRow) -> None:
        self.counts[0 if row.vote == 0 else 1 if row.vote < 0 else 2] += 1
        self.chats.add(row.chat)
        if row.vote <= 0:
            self.last_problem = max(self.last_problem, row.at)
        if row.at >= self.last_at:
            self.last_at, self.question, self.previous = row.at, row.question.strip(), row.previous.strip()

    def entry(self, key: str, mark: FeedbackMark | None) -> FeedbackEntry:
        reopened = mark is not None and mark.state != "open" and self.last_problem > mark.at
        state: FeedbackState = "open" if mark is None or reopened else mark.state
        not_found, wrong, right = self.counts
        return FeedbackEntry(key, self.question, self.previous, not_found, wrong, right, len(self.chats),
                             self.last_at, state, reopened)


def group_feedback(rows: list[FeedbackRow], marks: dict[str, FeedbackMark]) -> list[FeedbackEntry]:
    """Rows → one entry per question asked: open entries first, then those missed or voted wrong most often, then
    the most recent."""
    tallies: dict[str, _Tally] = {}
    for row in rows:
        if (row.vote == 0 and row.status != "not_found") or not row.question.strip():
            continue
        tallies.setdefault(feedback_key(row.question, row.previous), _Tally()).add(row)
    entries = [tally.entry(key, marks.get(key)) for key, tally in tallies.items()]
    return sorted(entries, key=lambda e: (e.state != "open", -(e.not_found + e.voted_wrong), -e.last_at))
