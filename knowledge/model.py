"""What the core hands the channels: the structured answer every channel renders (figures with their sources,
choices, what was understood), and the typed rows of the reports held and of the feedback kept."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

from parsers.template import CellKey

Status = Literal["answered", "ambiguous", "not_found"]
Kind = Literal["cell", "sum", "difference", "series", "superlative", "list", "fact", "section"]
FigureKind = Literal["cell", "sum", "fact", "difference"]


@dataclass(frozen=True)
class Figure:
    """One figure the reply states, and exactly where it is printed (a sum: the cells it adds, in `parts`)."""

    value: int | float | None
    unit: str
    display: str
    issuer: str
    year: int
    report_title: str
    section: str
    label: str
    kind: FigureKind
    key: str = ""  # the cell key, the cell keys of a sum joined by '+', or "narrative"
    clause: str = ""  # the prose clause that states a fact
    page: int | None = None
    notes: tuple[str, ...] = ()
    parts: tuple[Figure, ...] = ()
    short: str = ""  # within a sum: the words that tell this part from the others ("自然人")

    def to_dict(self) -> dict[str, Any]:
        # Field by field, not dataclasses.asdict: asdict deep-copies every value (a third of a question's CPU).
        data = {name: getattr(self, name) for name in _FIGURE_FIELDS}
        data["notes"] = list(self.notes)
        data["parts"] = [p.to_dict() for p in self.parts]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        # Only the fields this version knows: an answer kept by another version (one Redis, two releases) still reads.
        fields = {name: value for name, value in data.items() if name in _FIGURE_FIELDS}
        fields["notes"] = tuple(fields.get("notes") or ())
        fields["parts"] = tuple(cls.from_dict(p) for p in fields.get("parts") or ())
        return cls(**fields)


@dataclass(frozen=True)
class Choice:
    """One reading offered to the user: the question it answers, and the figure it would give."""

    label: str
    question: str
    figure: Figure | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "question": self.question,
                "figure": self.figure.to_dict() if self.figure else None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Choice:
        figure = data.get("figure")
        return cls(data["label"], data["question"], Figure.from_dict(figure) if figure else None)


@dataclass(frozen=True)
class SpanRole:
    """A stretch of the question and the role it was given ("" when nothing explains it)."""

    text: str
    role: str
    meaning: str = ""


@dataclass(frozen=True)
class Understood:
    """How the question was read: its spans and roles, and the words left unexplained."""

    spans: tuple[SpanRole, ...] = ()
    unexplained: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()  # words set aside as carrying no meaning (a particle, 交 of 交了多少申请)

    def to_dict(self) -> dict[str, Any]:
        return {"spans": [{"text": s.text, "role": s.role, "meaning": s.meaning} for s in self.spans],
                "unexplained": list(self.unexplained), "set_aside": list(self.set_aside)}


@dataclass(frozen=True)
class SectionText:
    """A section of a report, for questions about what a report says rather than a figure."""

    issuer: str
    year: int
    report_title: str
    path: str
    heading: str
    text: str


@dataclass(frozen=True)
class Answer:
    """What the core returns: status, kind, every figure stated, choices, and why when nothing is stated."""

    question: str
    status: Status
    kind: Kind | None = None
    figures: tuple[Figure, ...] = ()
    choices: tuple[Choice, ...] = ()
    choices_total: int = 0  # how many readings fitted; more than len(choices) when the list was cut
    reason: str = ""  # why nothing (or not everything) is stated, in words for the user
    notes: tuple[str, ...] = ()
    held: tuple[str, ...] = ()  # what the knowledge base holds, for a not_found answer
    related: tuple[Figure, ...] = ()  # printed figures a rate or an average would come from (not stated as it)
    section: SectionText | None = None
    understood: Understood = field(default_factory=Understood)
    small_talk: str = ""
    order: Literal["", "max", "min"] = ""  # for a superlative: which end of the series was asked for
    # Cells the answer needed that could not be read for sure: not stated (value None, display as printed), named
    # so that staff can correct them.
    unread: tuple[Figure, ...] = ()

    @property
    def answer(self) -> Figure | None:
        """The first figure stated (what scripts reading `answer` expect)."""
        return self.figures[0] if self.figures and self.status == "answered" else None

    def to_dict(self) -> dict[str, Any]:
        """The `ask --json` object; `answer` is the first figure so that older scripts keep working."""
        first = self.answer
        return {
            "question": self.question, "status": self.status, "kind": self.kind,
            "answer": first.to_dict() if first else None, "figures": [f.to_dict() for f in self.figures],
            "choices": [c.to_dict() for c in self.choices], "choices_total": self.choices_total,
            "reason": self.reason, "notes": list(self.notes), "held": list(self.held),
            "related": [f.to_dict() for f in self.related],
            "section": {name: getattr(self.section, name) for name in _SECTION_FIELDS} if self.section else None,
            "understood": self.understood.to_dict(), "small_talk": self.small_talk, "order": self.order,
            "unread": [f.to_dict() for f in self.unread],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The answer `to_dict` wrote (a chat's last answer, kept in the state store)."""
        section, understood = data.get("section"), data.get("understood") or {}
        return cls(
            data["question"], data["status"], data.get("kind"),
            figures=tuple(Figure.from_dict(f) for f in data.get("figures") or ()),
            choices=tuple(Choice.from_dict(c) for c in data.get("choices") or ()),
            choices_total=data.get("choices_total", 0), reason=data.get("reason", ""),
            notes=tuple(data.get("notes") or ()), held=tuple(data.get("held") or ()),
            related=tuple(Figure.from_dict(f) for f in data.get("related") or ()),
            section=SectionText(**{k: v for k, v in section.items() if k in _SECTION_FIELDS}) if section else None,
            understood=Understood(tuple(SpanRole(**s) for s in understood.get("spans") or ()),
                                  tuple(understood.get("unexplained") or ()),
                                  tuple(understood.get("set_aside") or ())),
            small_talk=data.get("small_talk", ""), order=data.get("order", ""),
            unread=tuple(Figure.from_dict(f) for f in data.get("unread") or ()))


@dataclass(frozen=True)
class StoredReport:
    """A report as the base keeps it: issuer and year as printed, how it was read, its files and its counts."""

    id: int
    issuer: str
    year: int
    title: str
    template: str
    format: str
    files: tuple[str, ...]
    cells: int
    facts: int
    checks_failed: int
    warnings: int


@dataclass(frozen=True)
class ReportRow(StoredReport):
    """A report the knowledge base holds, with its counts and its failing checks said in words."""

    failed_checks: tuple[str, ...]

    @classmethod
    def of(cls, report: StoredReport, failed_checks: tuple[str, ...]) -> ReportRow:
        return cls(**{name: getattr(report, name) for name in _STORED_FIELDS}, failed_checks=failed_checks)

    def to_dict(self) -> dict[str, Any]:
        """The object `reports --json` and /api/reports print (lists where the row has tuples)."""
        data = {name: getattr(self, name) for name in _REPORT_FIELDS}
        return {**data, "files": list(self.files), "failed_checks": list(self.failed_checks)}


@dataclass(frozen=True)
class FeedbackRow:
    """A vote on an answer (+1 / -1), or a question the bot could not answer (vote 0); `previous` is the question
    of the turn before when this one was a follow-up (那2019年呢 alone says nothing)."""

    chat: str
    question: str
    answer_key: str
    status: str
    vote: int
    at: float
    previous: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FEEDBACK_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedbackRow:
        # A row kept by an older version has no `previous`.
        return cls(**{name: data[name] for name in _FEEDBACK_FIELDS if name in data})


# What staff made of a feedback entry: still to look at, a phrase taught, a cell corrected, or not in the reports.
FeedbackState = Literal["open", "taught", "corrected", "not_in_reports"]
FEEDBACK_STATES: tuple[FeedbackState, ...] = ("open", "taught", "corrected", "not_in_reports")


@dataclass(frozen=True)
class FeedbackMark:
    """The state staff (or a correction, or a taught phrase) gave an entry of the feedback list, and when."""

    state: FeedbackState
    at: float


_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))
_SECTION_FIELDS = tuple(f.name for f in fields(SectionText))
_REPORT_FIELDS = tuple(f.name for f in fields(ReportRow))
_STORED_FIELDS = tuple(f.name for f in fields(StoredReport))
_FEEDBACK_FIELDS = tuple(f.name for f in fields(FeedbackRow))

__all__ = ["FEEDBACK_STATES", "Answer", "CellKey", "Choice", "FeedbackMark", "FeedbackRow", "FeedbackState", "Figure",
           "ReportRow", "SectionText", "SpanRole", "StoredReport", "Understood"]
