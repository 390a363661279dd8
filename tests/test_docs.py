"""The README says what the code does: its two first commands, the commands of `python -m bot`, the JSON fields."""

from __future__ import annotations

import re

from bot.channels.api import vote_object
from bot.cli import cli
from bot.render import json_object
from knowledge.model import Answer, Figure, SectionText
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _figure() -> Figure:
    return Figure(value=1, unit="件", display="1件", issuer="甲", year=2020, report_title="甲2020年报告",
                  section="三", label="一", kind="cell", key="applications|new_received|total")


def test_the_readme_starts_with_the_two_commands_for_a_fresh_machine() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["./run", "./run test"]
    assert (ROOT / "run").stat().st_mode & 0o111
    assert "./run test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_of_the_cli_is_documented_and_every_documented_one_exists() -> None:
    documented = set(re.findall(r"python -m bot ([a-z]+)", README))
    assert documented == set(cli.commands)


def _readme_fields(heading: str) -> set[str]:
    """The `name`s of the first column of the table that follows the sentence containing `heading`."""
    table = README.split(heading, 1)[1].split("\n\n", 2)[1]
    return set(re.findall(r"^\| `([a-z_]+)` \|", table, flags=re.MULTILINE))


def test_the_fields_of_an_answer_are_the_ones_the_readme_lists() -> None:
    answer = Answer(question="问", status="answered", kind="cell", figures=(_figure(),),
                    section=SectionText("甲", 2020, "甲2020年报告", "五", "五、", "正文"))
    emitted = set(json_object(answer))
    assert emitted == _readme_fields("returns the same object")


def test_the_fields_of_a_figure_are_the_ones_the_readme_lists() -> None:
    sentence = README.split("Each figure is `{", 1)[1].split("}`", 1)[0]
    documented = {name.strip() for name in sentence.replace("\n", " ").split(",")}
    assert documented == set(_figure().to_dict())


def test_the_fields_of_a_vote_are_the_ones_the_readme_lists() -> None:
    assert set(vote_object(Answer("问", "answered"), -1)) == _readme_fields("`POST /api/vote` answers")
