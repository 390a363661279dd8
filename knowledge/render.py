"""The reply text of an answer, in plain Chinese, with its source line."""

from __future__ import annotations

from knowledge.results import Figure


def source_line(figure: Figure) -> str:
    page = f" · 第{figure.page}页" if figure.page else ""
    if figure.kind == "fact":
        return f"出处：《{figure.report_title}》{figure.section}{page}"
    return f"出处：《{figure.report_title}》{figure.section} · {figure.label}{page}"


def figure_sentence(figure: Figure) -> str:
    """One sentence stating the figure, and what it is made of when it is a sum."""
    who = f"{figure.issuer}{figure.year}年"
    if figure.kind == "fact":
        return f"据{who}报告：“{figure.label}”。"
    if figure.kind == "sum":
        return f"{who}{figure.label}为{figure.display}，由{'、'.join(figure.parts)}相加得出。"
    return f"{who}“{figure.label}”为{figure.display}。"


def answered_text(figure: Figure, extra: list[str]) -> str:
    lines = [figure_sentence(figure)]
    if figure.note and figure.kind != "fact":
        lines.append(f"说明：{figure.note}。")
    lines += extra
    lines.append(source_line(figure))
    return "\n".join(lines)


def choice_line(figure: Figure) -> str:
    """A short line for one choice of an ambiguous answer (and its button)."""
    label = figure.label if len(figure.label) <= 40 else figure.label[:38] + "…"
    return f"{figure.issuer} {figure.year}年 · {label}：{figure.display}"


def ambiguous_text(choices: list[Figure], lead: str = "") -> str:
    lines = [lead or "您的问题可以对应以下几项，请选择："]
    lines += [f"{i}. {choice_line(f)}" for i, f in enumerate(choices, 1)]
    return "\n".join(lines)


def difference_text(first: Figure, second: Figure, diff: Figure) -> str:
    more = "多" if (diff.value or 0) > 0 else "少" if (diff.value or 0) < 0 else "一样多，差"
    return (f"{first.issuer}“{first.label}”：{first.year}年为{first.display}，{second.year}年为{second.display}，"
            f"{first.year}年比{second.year}年{more}{diff.display.lstrip('-')}。\n"
            f"{source_line(first)}\n{source_line(second)}")


def series_text(figures: list[Figure], missing: list[int]) -> str:
    head = figures[-1]
    lines = [f"{head.issuer}历年“{head.label}”："]
    lines += [f"{f.year}年：{f.display}" for f in figures]
    if missing:
        lines.append(f"（{'、'.join(str(y) for y in missing)}年的报告没有这一项）")
    lines += [source_line(f) for f in figures]
    return "\n".join(lines)
