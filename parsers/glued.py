"""Split digit runs that crawlers glued together ("640020470") into cells.

A run is split into every reading where each piece is a well-formed number;
the caller keeps only readings that satisfy the template's sums. A run is
only ever split where exactly one reading survives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

MAX_READINGS = 20_000
_UNIT = re.compile(r"(亿元|万元|亿|元)$")


def _pieces(digits: str, start: int, allow_decimal: bool) -> Iterator[int]:
    """End positions of well-formed numbers starting at `start`."""
    if digits[start] == "0":
        # "0" alone, or "0.xx" in a money column; never a leading zero.
        yield start + 1
        if allow_decimal and start + 2 < len(digits) and digits[start + 1] == ".":
            yield from _decimal_ends(digits, start + 2)
        return
    end = start
    while end < len(digits) and digits[end].isdigit():
        end += 1
        yield end
    if allow_decimal and end + 1 < len(digits) and digits[end] == ".":
        yield from _decimal_ends(digits, end + 1)


def _decimal_ends(digits: str, start: int) -> Iterator[int]:
    end = start
    while end < len(digits) and digits[end].isdigit():
        end += 1
        yield end


def split_run(run: str, count: int, decimal_last: bool = False,
              signed: tuple[bool, ...] | None = None) -> list[list[str]]:
    """Every reading of `run` as `count` numbers (spaces in the run are ignored).

    Only the last piece may carry decimals and a unit, which is how the money
    columns (采购总金额, 收费金额) stand at the end of their rows. A minus sign
    starts a piece, and only in a column that `signed` marks as taking signed
    values (本年增/减); a sign anywhere else leaves no reading.
    """
    run = run.replace(" ", "").replace("\xa0", "").replace("－", "-")
    unit_match = _UNIT.search(run)
    unit = unit_match.group(1) if unit_match else ""
    digits = run[: len(run) - len(unit)] if unit else run
    if not digits or not re.fullmatch(r"[\d.]+(?:-[\d.]+)*", digits):
        return []
    readings: list[list[str]] = []

    def walk(start: int, acc: list[str]) -> None:
        if len(readings) >= MAX_READINGS:
            return
        left = count - len(acc)
        if left == 0:
            if start == len(digits):
                readings.append([*acc[:-1], acc[-1] + unit] if unit else acc[:])
            return
        if len(digits) - start < left:
            return
        last = left == 1
        begin = start
        if digits[start] == "-":
            if not (signed and signed[len(acc)]) or start + 1 == len(digits):
                return
            begin = start + 1
        for end in _pieces(digits, begin, allow_decimal=decimal_last and last):
            if last and end != len(digits):
                continue
            acc.append(digits[start:end])
            walk(end, acc)
            acc.pop()

    walk(0, [])
    return readings


def readings_that_hold(readings: list[list[str]], holds: Callable[[list[int]], bool]) -> list[list[str]]:
    """Keep the readings whose integer values satisfy `holds`."""
    kept = []
    for reading in readings:
        try:
            values = [int(piece) for piece in reading]
        except ValueError:
            continue
        if holds(values):
            kept.append(reading)
    return kept
