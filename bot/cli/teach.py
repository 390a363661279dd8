"""`teach`: what a question the bot could not answer meant, as a phrase of it for one concept; --undo, --list."""

from __future__ import annotations

import click

from bot.cli.group import cli, current_user, db_option, friendly_errors
from knowledge import feedback_rows, set_feedback_state
from knowledge.config import load_settings
from knowledge.staff import changed_answers, concepts, group_feedback, lesson, taught_phrases, teach, untaught


@cli.command(name="teach")
@click.option("--question", default="", help="没能回答的问题（原话）")
@click.option("--phrase", default="", help="问题里表达这个意思的那几个字")
@click.option("--concept", default="", help="它的意思：角色:值，例如 app_row:new_received（--concepts 列出全部）")
@click.option("--previous", default="", help="追问时，它接着的上一问")
@click.option("--confirm", is_flag=True, help="这个说法已表示同类的另一概念时，确认仍要教")
@click.option("--preview", "only_preview", is_flag=True, help="只列出回答会变的问题，不保存")
@click.option("--undo", type=int, default=None, help="撤销这个编号的教过的说法（--list 显示编号）")
@click.option("--list", "listing", is_flag=True, help="列出教过的说法")
@click.option("--concepts", "show_concepts", is_flag=True, help="列出可以教的概念")
@click.option("--who", default=None, help="教的人（默认当前系统用户）")
@db_option
@friendly_errors
def teach_command(question: str, phrase: str, concept: str, previous: str, confirm: bool, only_preview: bool,
                  undo: int | None, listing: bool, show_concepts: bool, who: str | None, db: str | None) -> None:
    """教机器人一个问题里的说法表示哪个概念（存入知识库，可撤销）；先列出回答会变的已记录问题。"""
    settings = load_settings(db)
    if show_concepts or listing:
        for line in ([f"{m.role}:{m.value}  {label}" for m, label in concepts()] if show_concepts else
                     [f"[{t.id}] “{t.phrase}” → {t.role}:{t.value}  {t.who} {t.at}"
                      + (f"  已撤销（{t.undone_by}）" if t.undone_at else "") for t in taught_phrases(settings.db)]):
            click.echo(line)
        return
    if undo is not None:
        done = untaught(settings.db, undo, who or current_user())
        set_feedback_state(settings, done.question, "open", done.previous)
        click.echo(f"已撤销：“{done.phrase}”不再表示 {done.role}:{done.value}")
        return
    if not (question and phrase and concept):
        raise click.UsageError("请给出 --question、--phrase 和 --concept（或 --list、--undo、--concepts）")
    taught = lesson(phrase, concept, question, previous)
    logged = [(e.question, e.previous) for e in group_feedback(feedback_rows(settings), {})]
    for change in changed_answers(settings.db, taught, logged, settings.default_issuer):
        after = f"（接着上一问：{change.previous}）" if change.previous else ""
        click.echo(f"{change.question}{after}\n  之前：{change.before}\n  之后：{change.after}")
    if only_preview:
        return
    done = teach(settings.db, taught, who or current_user(), confirm)
    set_feedback_state(settings, done.question, "taught", done.previous)
    click.echo(f"已教会：“{done.phrase}”表示 {done.role}:{done.value}（编号 {done.id}）")
