"""Commands that answer: ask, chat, telegram, serve, feedback."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import Any

import click

from bot import settings as settings_env
from bot.channels.terminal import ask_lines, chat_loop
from bot.cli.group import cli, db_option, friendly_errors
from bot.conversation import MAX_CHAT, MAX_QUESTION, clean_text, decode_line, take_turn
from bot.render import json_line, plain_text
from knowledge import check_openable, feedback_rows, open_service
from knowledge.config import load_settings


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
@db_option
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
            ask_lines(service, (decode_line(raw) for raw in sys.stdin.buffer), as_json, day, sys.stdout,
                      clean_text(chat or "", MAX_CHAT))
            return
        answer = (take_turn(question, clean_text(chat, MAX_CHAT), service.pick, service.ask, day) if chat
                  else service.ask(clean_text(question, MAX_QUESTION), today=day))
        click.echo(json_line(answer) if as_json else plain_text(answer))
    finally:
        service.close()


@cli.command()
@db_option
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
@db_option
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
@db_option
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
@db_option
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
