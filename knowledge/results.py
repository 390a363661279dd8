"""What the answering core returns: figures with their source, and the answer around them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    """One figure and exactly where it is printed (or, for a sum or difference, what it is made of)."""

    value: int | float | None
    unit: str
    display: str
    issuer: str
    year: int
    report_title: str
    section: str
    label: str
    key: str
    kind: str  # cell | fact | sum | difference | series
    page: int | None = None
    note: str = ""
    parts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Miss:
    """Why a report cannot give the figure asked for."""

    reason: str


@dataclass
class Answer:
    """The structured answer every channel renders."""

    question: str
    status: str  # answered | ambiguous | not_found
    text: str
    answer: Figure | None = None
    alternatives: list[Figure] = field(default_factory=list)
    confidence: float = 0.0
    held: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "status": self.status, "text": self.text,
                "answer": self.answer.to_dict() if self.answer else None,
                "alternatives": [a.to_dict() for a in self.alternatives], "confidence": self.confidence}
