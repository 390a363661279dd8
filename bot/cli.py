"""The command line: `python -m bot parse|ingest|build|reports|export|correct|ask|chat|telegram|serve|feedback`."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

import click

from bot import settings as settings_env
from bot.channels.terminal import ask_lines, chat_loop
from bot.conversation import MAX_CHAT, MAX_QUESTION, clean_text, decode_line, take_turn
from bot.render import json_line, plain_text
from knowledge import check_openable, feedback_rows, open_service, report_rows
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
    export_rows,
    parse_value,
    undo_cell,
    write_csv,
    write_json,
)
from parsers import parse_file
from xxgk_errors import ConfigError, Unwritable, XxgkError

_db_option = click.option("--db", "db", default=None, help="知识库文件（覆盖 XXGK_DB 与 config.toml）")


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn our own exceptions into one clear line and exit code 2: no traceback for users."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except XxgkError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(2)

    return wrapper


@click.group()
def cli() -> None:
    """政府信息公开工作年度报告问答机器人。"""


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
@_db_option
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
@_db_option
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
@_db_option
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
@_db_option
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
@click.option("--cell", "key", required=True, help="单元格：表|行|列，例如 applications|new_received|total")
@click.option("--value", default=None, help="更正后的数字（按原表该栏的单位）；blank 表示此项应为空白")
@click.option("--reason", default="", help="更正理由（更正时必填）")
@click.option("--undo", is_flag=True, help="撤销这一单元格的更正，恢复从报告读出的值")
@click.option("--who", default=None, help="更正人（默认当前系统用户）")
@_db_option
@friendly_errors
def correct(issuer: str, year: int, key: str, value: str | None, reason: str, undo: bool, who: str | None,
            db: str | None) -> None:
    """更正一个单元格（与读出的原值分开保存，重建和重新收入后仍在）；--undo 撤销。"""
    if undo == (value is not None):
        raise click.UsageError("请给出 --value（更正）或 --undo（撤销）之一")
    who = who or _user()
    base = load_settings(db).db
    if undo:
        done = undo_cell(base, issuer, year, key, who)
    else:
        done = correct_cell(base, issuer, year, key, parse_value(value or ""), reason, who)
    click.echo(_correction_line(done))


def _user() -> str:
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER", "") or "工作人员"


def _correction_line(done: CorrectionDone) -> str:
    fix = done.correction
    where = f"{fix.issuer} {fix.year}年 {done.label}（{fix.key}）"
    if done.undone:
        return f"已撤销更正：{where}，恢复从报告读出的值"
    return f"已更正：{where} 为 {fix.shown}；理由：{fix.reason}"


def _today(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("日期格式应为 YYYY-MM-DD", param_hint="--today") from exc


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="每个结果输出一个 JSON 对象")
@_db_option
@click.option("--chat", default=None, help="会话编号：同一会话的追问沿用上一问")
@click.option("--today", default=None, help="按此日期理解“去年”“今年”（YYYY-MM-DD）")
@friendly_errors
def ask(question: str, as_json: bool, db: str | None, chat: str | None, today: str | None) -> None:
    """回答一个问题；QUESTION 为 - 时从标准输入逐行读问题。"""
    day = _today(today)
    # One question on its own keeps no chat state (lines from stdin may each name a chat).
    service = open_service(db, chats=bool(chat) or question == "-")
    try:
        if question == "-":
            # Bytes, not text: a line that is not valid UTF-8 keeps its good characters (bad bytes → U+FFFD).
            ask_lines(service, (decode_line(raw) for raw in sys.stdin.buffer), as_json, day, sys.stdout)
            return
        answer = (take_turn(question, clean_text(chat, MAX_CHAT), service.pick, service.ask, day) if chat
                  else service.ask(clean_text(question, MAX_QUESTION), today=day))
        click.echo(json_line(answer) if as_json else plain_text(answer))
    finally:
        service.close()


@cli.command()
@_db_option
@click.option("--today", default=None, help="按此日期理解“去年”“今年”（YYYY-MM-DD）")
@friendly_errors
def chat(db: str | None, today: str | None) -> None:
    """在终端里与机器人对话（无需任何令牌）。"""
    service = open_service(db)
    try:
        chat_loop(service, _today(today))
    finally:
        service.close()


@cli.command()
@_db_option
@friendly_errors
def telegram(db: str | None) -> None:
    """以长轮询方式运行 Telegram 机器人（令牌取自环境变量 TELEGRAM_BOT_TOKEN）。"""
    from bot.channels.telegram import build_application
    from bot.web.workers import keep_out_of_collections

    token = settings_env.telegram_token()
    service = open_service(db)
    settings_env.setup_logging()
    application = build_application(service, token, settings_env.telegram_base_url())
    keep_out_of_collections()
    try:
        # run_polling stops cleanly on SIGINT and SIGTERM.
        application.run_polling(allowed_updates=["message", "callback_query"], close_loop=False)
    finally:
        service.close()


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--access-log", is_flag=True, help="每个请求记一行日志")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="工作进程数（每个进程只读打开知识库；会话状态在共享的状态库中）")
@_db_option
@friendly_errors
def serve(host: str, port: int, access_log: bool, workers: int, db: str | None) -> None:
    """运行网页服务：JSON 接口、工作人员查询页、微信公众号与 Telegram webhook。"""
    import uvicorn

    from bot.web.serving import APP, refuse_port_in_use, reuse_port_supported, run_workers

    settings = load_settings(db)
    # Open once here so that a missing base or an unreachable Redis is one clear line before any worker starts.
    check_openable(settings)
    refuse_port_in_use(host, port)
    if settings_env.telegram_wanted():
        settings_env.telegram_token()
    # Workers are fresh processes: they read the same settings from the environment.
    os.environ["XXGK_DB"] = str(settings.db)
    if settings.state_url or settings.state_file:
        os.environ["XXGK_STATE_URL"] = str(settings.state)
    settings_env.setup_logging()
    options: dict[str, Any] = {"log_level": "info", "access_log": access_log}
    if workers > 1 and reuse_port_supported():
        sys.exit(run_workers(host, port, workers, options))
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, **options)


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def feedback(db: str | None, as_json: bool) -> None:
    """列出被点了“不对”的回答和没能回答的问题，供工作人员改进。"""
    rows = [r for r in feedback_rows(load_settings(db)) if r.vote <= 0]
    if as_json:
        click.echo(json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=1))
        return
    for row in rows:
        kind = "👎 回答不对" if row.vote < 0 else "未能回答"
        after = f"（接着上一问：{row.previous}）" if row.previous else ""
        click.echo(f"{kind}  [{row.chat}] {row.question}{after}  {row.answer_key}")
    click.echo(f"共 {len(rows)} 条")


def main() -> None:
    cli(prog_name="python -m bot")
