"""The command group, its --db option and how our own errors reach a person: one line, exit code 2."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import click

from xxgk_errors import XxgkError

db_option = click.option("--db", "db", default=None, help="知识库文件（覆盖 XXGK_DB 与 config.toml）")


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


def current_user() -> str:
    """Who runs the command, for the record of a correction or a taught phrase."""
    try:
        return os.getlogin()
    except OSError:
        return os.environ.get("USER", "") or "工作人员"


@click.group()
def cli() -> None:
    """政府信息公开工作年度报告问答机器人。"""
