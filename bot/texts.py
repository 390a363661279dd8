"""Texts every chat channel shares: greeting, help, the list of reports, example questions, sources."""

from __future__ import annotations

import json

from knowledge.answer import Answerer

HELP_TEXT = """怎么问：直接用中文说出机关、年份和想知道的数字。例如：
· 蓟州区2020年收到多少政府信息公开申请
· 平潭2021年行政复议有几件
· 上海市科委2024年不予公开一共多少件
· 平潭2021年比2019年多收了多少申请
追问可以只说变化的部分：“那2019年呢”“自然人呢”“行政诉讼呢”。
每个数字都注明出自哪份报告的哪一节、哪一行；报告里没有的，我会直说。
命令：/reports 查看收录的报告，/source 查看上一个回答的完整出处。"""

_EXAMPLE_MEASURES = ("收到多少政府信息公开申请", "行政复议有几件", "不予公开的申请一共多少件")


def greeting(answerer: Answerer) -> str:
    catalog = answerer.catalog
    years = sorted({r.year for r in catalog.reports})
    span = f"{years[0]}–{years[-1]}年" if years else "暂无"
    bodies = "、".join(sorted(catalog.by_issuer)[:6]) + ("等" if len(catalog.by_issuer) > 6 else "")
    return (f"您好！我回答政府信息公开工作年度报告里的数字，并注明出处。\n"
            f"目前收录 {len(catalog.reports)} 份报告（{span}）：{bodies or '暂无'}。\n"
            "可以点下面的例子试试，或直接提问。")


def examples(answerer: Answerer, held: list[str] | None = None) -> list[str]:
    """Three questions the knowledge base can answer (for the issuers named in `held`, when given)."""
    catalog = answerer.catalog
    wanted = [h.split("：", 1)[0] for h in (held or [])]
    issuers = [i for i in wanted if i in catalog.by_issuer] or sorted(
        catalog.by_issuer, key=lambda i: -catalog.by_issuer[i][-1].year)
    questions = []
    for n, issuer in enumerate(issuers[:3]):
        latest = catalog.by_issuer[issuer][-1]
        measure = _EXAMPLE_MEASURES[n % len(_EXAMPLE_MEASURES)] if latest.template != "older" else "主动公开了多少条信息"
        questions.append(f"{issuer}{latest.year}年{measure}")
    return questions


def reports_text(answerer: Answerer) -> str:
    catalog = answerer.catalog
    lines = [f"共收录 {len(catalog.reports)} 份报告："]
    for issuer in sorted(catalog.by_issuer)[:50]:
        years = "、".join(str(r.year) for r in catalog.by_issuer[issuer])
        lines.append(f"· {issuer}：{years}年")
    if len(catalog.by_issuer) > 50:
        lines.append(f"……另有 {len(catalog.by_issuer) - 50} 个机关")
    return "\n".join(lines)


def source_text(answerer: Answerer, last: dict | None) -> str:
    """The full source of a chat's last answer: report, section, row and column, page, file."""
    if not last or not last.get("answer"):
        return "还没有可以查看出处的回答。先问一个问题吧。"
    figure = last["answer"]
    report = answerer.catalog.report(figure["issuer"], figure["year"])
    files = report.files if report else "[]"
    lines = [f"问题：{last['question']}", f"报告：《{figure['report_title']}》", f"章节：{figure['section']}",
             f"项目：{figure['label']}", f"键：{figure['key']}"]
    if figure.get("page"):
        lines.append(f"页码：第{figure['page']}页")
    for part in figure.get("parts") or []:
        lines.append(f"  · {part}")
    lines.append(f"文件：{', '.join(_files(files))}")
    return "\n".join(lines)


def _files(files: str) -> list[str]:
    try:
        return list(json.loads(files))
    except (TypeError, ValueError):
        return [files]
