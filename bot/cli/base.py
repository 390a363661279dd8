"""Commands on the knowledge base: parse, ingest, build, reports, export, correct."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from bot.cli.group import cli, current_user, db_option, friendly_errors
from knowledge import report_rows
from knowledge.config import Settings, load_settings
from knowledge.ingest import (
    Given,
    IngestResult,
    ingest_paths,
    read_manifest,
    rebuild,
    result_line,
    to_update,
    upgrade,
)
from knowledge.staff import (
    CorrectionDone,
    correct_cell,
    correct_fact,
    export_rows,
    parse_value,
    undo_cell,
    undo_fact,
    write_csv,
    write_json,
)
from parsers import parse_file
from xxgk_errors import ConfigError, Unwritable


@cli.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 对象")
@click.option("--issuer", default=None, help="发布机关（文件本身没写明时）")
@click.option("--year", type=int, default=None, help="报告年度（文件本身没写明时）")
@friendly_errors
def parse(file: str, as_json: bool, issuer: str | None, year: int | None) -> None:
    """读取一份报告并显示读到的内容。"""
    report = parse_file(file, issuer, year)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(f"{report.title}\n发布机关：{report.issuer}  年度：{report.year}  模板：{report.template}  "
               f"格式：{report.format}")
    click.echo(f"单元格 {len(report.cells)}（空白 {sum(c.blank for c in report.cells)}，"
               f"不确定 {sum(c.uncertain for c in report.cells)}）  正文数字 {len(report.facts)}  "
               f"章节 {len(report.sections)}  核对未通过 {report.failed_checks}/{len(report.checks)}")
    for check in report.checks:
        if not check.ok:
            click.echo(f"  核对未通过 {check.id}[{check.scope}]：{check.detail}")
    for warning in report.warnings:
        click.echo(f"  警告：{warning}")


def _settings_for_writing(db: str | None) -> Settings:
    """Settings for ingest and build: a folder named with --db or XXGK_DB must exist (a typo makes none), and the
    base's folder must be writable (a new base is built beside the old one), checked before any file is read."""
    settings = load_settings(db)
    folder = settings.db.parent
    if (db or os.environ.get("XXGK_DB")) and not folder.is_dir():
        raise ConfigError(f"知识库所在目录不存在：{folder}（请先建好目录，或检查 --db / XXGK_DB）")
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise Unwritable(f"知识库所在目录不可写：{folder}（只读目录可以提问，不能建库或收入报告）")
    return settings


def _print_result(number: int, total: int, result: IngestResult) -> None:
    click.echo(result_line(result, number, total))


def _say_waiting() -> None:
    click.echo("知识库正由另一个进程写入（上传、ingest 或 build），等它完成后再写……", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--issuer", default=None, help="发布机关（文件本身没写明时；只用于一个文件）")
@click.option("--year", type=int, default=None, help="报告年度（文件本身没写明时；只用于一个文件）")
@click.option("--manifest", type=click.Path(dir_okay=False), default=None,
              help="CSV 清单（列：file,issuer,year），为一批网页指定机关和年度")
@friendly_errors
def ingest(paths: tuple[str, ...], db: str | None, issuer: str | None, year: int | None,
           manifest: str | None) -> None:
    """解析文件或目录（递归）并存入知识库。"""
    settings = _settings_for_writing(db)
    given = read_manifest(manifest) if manifest else {}
    if issuer or year:
        if len(paths) != 1 or not os.path.isfile(paths[0]):
            raise click.UsageError("--issuer/--year 只能用于一个文件")
        given[Path(paths[0])] = Given(issuer, year)
    if not paths and not given:
        raise click.UsageError("请给出文件或目录，或 --manifest 清单")
    results = ingest_paths(settings.db, list(paths) or sorted(given), _print_result, given, _say_waiting)
    failed = sum(r.failed for r in results)
    click.echo(f"共 {len(results)} 个文件，失败 {failed} 个；知识库：{settings.db}")
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option
@click.option("--update", is_flag=True,
              help="知识库已存在时不重建：只收入比它新的或还没收入的报告文件（保留用 ingest 加入的报告）")
@friendly_errors
def build(paths: tuple[str, ...], db: str | None, update: bool) -> None:
    """从报告目录重建知识库（先建新库，完成后再替换旧库）。有文件失败时退出码为 1。"""
    settings = _settings_for_writing(db)
    sources: list[str | Path] = list(paths) or [settings.reports]
    if update and settings.db.exists():
        newer: list[str | Path] = list(to_update(settings.db, sources))
        if not newer:
            done = upgrade(settings.db, on_wait=_say_waiting)
            for line in done:
                click.echo(line)
            if not done:
                click.echo(f"知识库已是最新，未改动：{settings.db}")
            return
        results = ingest_paths(settings.db, newer, _print_result, on_wait=_say_waiting)
        failed = sum(r.failed for r in results)
        click.echo(f"收入 {len(results)} 个新的或改过的文件，失败 {failed} 个；知识库：{settings.db}")
        sys.exit(1 if failed else 0)
    existed = settings.db.exists()
    results = rebuild(settings.db, sources, _print_result, _say_waiting)
    failed = sum(r.failed for r in results)
    if failed == len(results) and existed:
        click.echo(f"没有一个文件可以读取（{len(results)} 个），旧知识库保持不变：{settings.db}")
    elif failed:
        click.echo(f"知识库已换成新建的：{settings.db}（{len(results)} 个文件，失败 {failed} 个，"
                   "失败的文件不在其中）")
    else:
        click.echo(f"知识库已重建：{settings.db}（{len(results)} 个文件）")
    sys.exit(1 if failed or not results else 0)


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def reports(db: str | None, as_json: bool) -> None:
    """列出知识库中的报告。"""
    rows = report_rows(load_settings(db).db)
    if as_json:
        click.echo(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=1))
        return
    for row in rows:
        click.echo(f"{row.issuer} {row.year}  模板 {row.template}  {row.format}  "
                   f"单元格 {row.cells}  正文数字 {row.facts}  核对未通过 {row.checks_failed}  "
                   f"警告 {row.warnings}")
    click.echo(f"共 {len(rows)} 份报告")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--issuer", default=None, help="只导出名称含此文字的机关")
@click.option("--year", default=None, type=int, help="只导出这一年度")
@click.option("--output", "-o", default="-", type=click.Path(dir_okay=False, allow_dash=True),
              help="写入此文件（默认标准输出；CSV 文件带 BOM，Excel 可直接打开）")
@db_option
@friendly_errors
def export(fmt: str, issuer: str | None, year: int | None, output: str, db: str | None) -> None:
    """导出单元格与正文数字及其出处（CSV 或 JSON），供电子表格使用。"""
    write = write_json if fmt == "json" else write_csv
    rows = export_rows(load_settings(db).db, issuer, year)
    if output == "-":
        count = write(rows, sys.stdout)
    else:
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        try:
            with open(output, "w", encoding=encoding, newline="") as out:
                count = write(rows, out)
        except OSError as exc:
            raise Unwritable(f"无法写入 {output}：{exc.strerror or exc}") from exc
    click.echo(f"导出 {count} 行", err=True)


@cli.command()
@click.option("--issuer", required=True, help="发布机关（全称，或能唯一确定它的一部分，如 洪泽区）")
@click.option("--year", type=int, required=True, help="报告年度")
@click.option("--cell", "key", default=None, help="单元格：表|行|列，例如 applications|new_received|total")
@click.option("--fact", default=None, help="正文里的数字：它所在的原句，或原句中能唯一确定它的一部分")
@click.option("--value", default=None, help="更正后的数字（按原表该栏的单位）；blank 表示此项应为空白")
@click.option("--reason", default="", help="更正理由（更正时必填）")
@click.option("--undo", is_flag=True, help="撤销这一单元格的更正，恢复从报告读出的值")
@click.option("--who", default=None, help="更正人（默认当前系统用户）")
@db_option
@friendly_errors
def correct(issuer: str, year: int, key: str | None, fact: str | None, value: str | None, reason: str, undo: bool,
            who: str | None, db: str | None) -> None:
    """更正一个单元格或正文里的一个数字（与读出的原值分开保存，重建和重新收入后仍在）；--undo 撤销。"""
    if undo == (value is not None):
        raise click.UsageError("请给出 --value（更正）或 --undo（撤销）之一")
    if (key is None) == (fact is None):
        raise click.UsageError("请给出 --cell（单元格）或 --fact（正文里的数字）之一")
    who = who or current_user()
    base = load_settings(db).db
    if fact is not None:
        done = (undo_fact(base, issuer, year, fact, who) if undo
                else correct_fact(base, issuer, year, fact, parse_value(value or ""), reason, who))
    elif undo:
        done = undo_cell(base, issuer, year, key or "", who)
    else:
        done = correct_cell(base, issuer, year, key or "", parse_value(value or ""), reason, who)
    click.echo(_correction_line(done))


def _correction_line(done: CorrectionDone) -> str:
    fix = done.correction
    where = (f"{fix.issuer} {fix.year}年 正文“{done.label}”" if fix.is_fact
             else f"{fix.issuer} {fix.year}年 {done.label}（{fix.key}）")
    if done.undone:
        return f"已撤销更正：{where}，恢复从报告读出的值"
    return f"已更正：{where} 为 {fix.shown}；理由：{fix.reason}"
