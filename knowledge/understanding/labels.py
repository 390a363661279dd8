"""The template's own labels of what a measure names, and their characters (a verb made of them says again
what the reading says)."""

from __future__ import annotations

import re

from knowledge.normalize import normalize
from knowledge.understanding.compose import Measure
from parsers.template import APPLICANT_COLUMNS, REVIEW_TABLE, TEMPLATE_2019, TEMPLATE_2021


def labels_of(measure: Measure) -> tuple[str, ...]:
    """The template's own labels of what the measure names (its rows, columns, review groups and results)."""
    if measure.table == "review_litigation":
        return tuple(normalize(c.label) for c in REVIEW_TABLE.columns
                     if c.key.split(".")[0] in measure.groups or c.key.split(".")[1] in measure.parts)
    keys = set(measure.rows) | set(measure.columns)
    out = []
    for template in (TEMPLATE_2019, TEMPLATE_2021):
        for table in template.tables:
            if table.id.startswith(measure.table):
                out += [r.label for r in table.rows if r.key in keys or any(r.key.startswith(k) for k in
                                                                            keys if k.endswith("."))]
                out += [c.label for c in table.columns if c.key in keys]
    if measure.table == "applications":
        out += [c.label for c in APPLICANT_COLUMNS if c.key in keys]
    return tuple(dict.fromkeys(normalize(label) for label in out))


def concept_chars(measure: Measure) -> frozenset[str]:
    """The characters of the template's labels of what the measure names: a verb made of them (收 of 本年新收)
    says again what the reading says."""
    if measure.table == "section":
        return frozenset()
    # Not the form's notes in brackets: 区分处理的 of （二）部分公开（区分处理的…） names nothing asked.
    words = (_NOTE.sub("", label) for label in labels_of(measure))
    return frozenset(ch for label in words for ch in label if "\u4e00" <= ch <= "\u9fff")


_NOTE = re.compile(r"[(（][^)）]{4,}[)）]")
