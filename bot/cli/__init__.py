"""The command line: `python -m bot parse|ingest|build|reports|export|correct|teach|ask|chat|telegram|serve|
feedback`.

group.py holds the command group and how errors are said; base.py the commands on the knowledge base, talk.py the
ones that answer, teach.py teaching a phrase. Importing them registers their commands on the group.
"""

from bot.cli import base, talk, teach  # noqa: F401 (their commands join the group)
from bot.cli.group import cli


def main() -> None:
    cli(prog_name="python -m bot")


__all__ = ["cli", "main"]
