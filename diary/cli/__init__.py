"""The `diary` command line: parse, call one domain function, print.

Commands live in submodules loaded only when used, so `diary spasm 7` imports click, the
standard library and diary's small stdlib-only modules, nothing heavy. Every error a user
can cause ends here as one line on stderr: exit 2 for bad input, 1 for a problem with the
diary file or an unknown entry.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from diary import __version__
from diary.errors import DiaryError, InvalidEntry

T = TypeVar("T")

# name -> "module:attribute"; a module not present yet is simply not offered.
COMMANDS: dict[str, str] = {
    "spasm": "diary.cli.log:spasm",
    "cramp": "diary.cli.log:spasm",  # what many patients call a spasm
    "drink": "diary.cli.drink:drink",
    "eat": "diary.cli.food:eat",
    "supplement": "diary.cli.food:supplement",
    "adjust": "diary.cli.log:adjust",
    "quiet": "diary.cli.log:quiet",
    "complete": "diary.cli.complete:complete",
    "today": "diary.cli.today:today",
    "list": "diary.cli.manage:list_entries",
    "edit": "diary.cli.manage:edit",
    "delete": "diary.cli.manage:delete",
    "undo": "diary.cli.manage:undo",
    "restore": "diary.cli.manage:restore",
    "profile": "diary.cli.profile:profile",
    "foods": "diary.cli.food:foods",
    "report": "diary.cli.report:report",
    "sample": "diary.cli.report:sample",
    "export": "diary.cli.exchange:export",
    "import": "diary.cli.exchange:import_",
    "db": "diary.cli.db:db",
    "pgic": "diary.cli.measures:pgic",
    "peg": "diary.cli.measures:peg",
    "med": "diary.cli.measures:med",
    "reaction": "diary.cli.measures:reaction",
    "serve": "diary.cli.serve:serve",
}

MAIN_HELP = """A private, offline diary of muscle spasms, what you drink and eat, and
chiropractic adjustments, with a monthly PDF for your clinician.

\b
Log a spasm the moment it ends:
  diary spasm 7
  diary spasm 6 --site lower-back --side left --for 5m --trigger lifting --at "yesterday 21:30"
\b
Log the rest of the day:
  diary drink 500ml
  diary eat banana
  diary adjust --by "Dr. Lee" --region lumbar
  diary quiet yesterday          (a day without spasms)
  diary today
\b
Before the appointment:
  diary report --month 2026-11 --out november.pdf

The diary is one file (see `diary db path`); --db PATH or DIARY_DB chooses another.
"""


def _squeezed(text: str) -> str:
    """An error message on one line: every run of whitespace, line breaks too, is one space."""
    return " ".join(text.split())


def _kept_paragraphs(command: click.Command) -> click.Command:
    """Click keeps a paragraph as typed when it starts with a line holding only \\b, but only
    at a paragraph's start: after a line of text the marker is printed (as a visible \\x08
    once control characters are escaped). Each marker gets the blank line before it it needs,
    in this command's help and its subcommands'; done once, when a command is loaded."""
    if command.help and "\b" in command.help:
        command.help = re.sub("(?<=\\S)\n([ \t]*\x08\n)", "\n\n\\1", command.help)
    for sub in getattr(command, "commands", {}).values():
        _kept_paragraphs(sub)
    return command


class DiaryGroup(click.Group):
    """A group that loads commands lazily and reports every error as one line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [n for n in COMMANDS if importlib.util.find_spec(COMMANDS[n].split(":")[0]) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        if importlib.util.find_spec(module_name) is None:
            return None
        command: click.Command = getattr(importlib.import_module(module_name), attr)
        return _kept_paragraphs(command)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=2)
            hint = f"did you mean {' or '.join(close)}? " if close else ""
            raise click.UsageError(f"no command {name!r}: {hint}see diary --help for the commands")
        return super().resolve_command(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        from diary.cli.terminal import escaping_streams

        # Text from the diary never acts on the terminal: everything printed shows control
        # characters escaped (diary/cli/terminal.py). color=True only stops Click from
        # stripping ANSI sequences first in a pipe, which would hide them instead.
        before = _commits()  # this command's commits are counted from here (several commands in one process)
        with escaping_streams(saved=lambda: _commits()[0] > before[0]):
            return self._run(args, complete_var, standalone_mode, before, color=True, **extra)

    def _run(self, args: Any, complete_var: str | None, standalone_mode: bool, before: tuple[int, int],
             **extra: Any) -> Any:
        try:
            rv = super().main(args, "diary", complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort as exc:
            if not isinstance(exc.__cause__, KeyboardInterrupt):  # no answer to a question (end of input)
                click.echo("Aborted: nothing was written.", err=True)
                sys.exit(1)
            click.echo(_interrupted(before), err=True)
            sys.exit(130)
        except click.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `diary`: show the help
                click.echo(exc.format_message())
                sys.exit(0)
            message = _squeezed(exc.format_message())
            if isinstance(exc, click.UsageError) and exc.ctx is not None and "--help" not in message:
                message += f" (see '{exc.ctx.command_path} --help')"
            click.echo(f"Error: {message}", err=True)
            sys.exit(exc.exit_code)
        except DiaryError as exc:
            click.echo(f"Error: {_squeezed(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except sqlite3.Error as exc:  # a database problem no layer translated: still one line
            from diary.storage.sqlite_file import translate

            click.echo(f"Error: {_squeezed(str(translate(exc, 'file')))}", err=True)
            sys.exit(1)
        except UnicodeEncodeError as exc:
            # Text typed in a terminal that is not UTF-8 reaches Python as lone surrogates,
            # which no database can store; the command's transaction was rolled back.
            bad = exc.object if isinstance(exc.object, str) else str(exc.object)
            click.echo(f"Error: {bad!r} is not UTF-8 text (set your terminal to UTF-8); nothing was written",
                       err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo(_interrupted(before), err=True)
            sys.exit(130)
        if isinstance(rv, int) and not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)


def _commits() -> tuple[int, int]:
    """How many writing transactions of this process committed, and how many a server was still
    committing (storage.sqlite_file.COMMITS), read without importing storage when none was made."""
    module = sys.modules.get("diary.storage.sqlite_file")
    commits = getattr(module, "COMMITS", None)
    return (commits.committed, commits.in_doubt) if commits is not None else (0, 0)


def _interrupted(before: tuple[int, int]) -> str:
    """What Ctrl-C leaves behind, decided by whether the command's transaction committed."""
    now = _commits()
    committed, in_doubt = now[0] - before[0], now[1] - before[1]
    if committed:
        return "Interrupted after the command's changes were saved: they are all in the diary (see diary list)"
    if in_doubt:
        return "Interrupted while the server was saving the command's changes: diary list shows whether it did"
    return "Interrupted: nothing was written."


_NEGATIVE = re.compile(r"^-\d")


class NumberArgsCommand(click.Command):
    """A command whose positional arguments may look like negative numbers ("-1", "-5ml").

    Such a token reaches the command as an argument, so its parser can say "is negative"
    in one line, while a mistyped option still gets Click's "No such option" with its
    suggestion (which `ignore_unknown_options` would hide).
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" not in args:
            takes_value = {
                name for p in self.params if isinstance(p, click.Option) and not p.is_flag and not p.count
                for name in p.opts
            }
            kept: list[str] = []
            moved: list[str] = []
            for i, arg in enumerate(args):
                after_option = i > 0 and args[i - 1] in takes_value
                (moved if _NEGATIVE.match(arg) and not after_option else kept).append(arg)
            if moved:
                args = [*kept, "--", *moved]
        return super().parse_args(ctx, args)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.find_root().meta["diary.db"] = value
    return value


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """Let every command take --db as well as the group (`diary spasm 7 --db x.db`)."""
    return click.option(
        "--db", metavar="PATH", expose_value=False, callback=_remember_db, is_eager=True,
        help="The diary file or database URL (default: DIARY_DB, else your data folder).",
    )(f)


@click.group(cls=DiaryGroup, help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH", envvar="DIARY_DB", callback=_remember_db, expose_value=False, is_eager=True,
              help="The diary file or database URL (default: DIARY_DB, else your data folder).")
@click.version_option(__version__, prog_name="diary")
def cli() -> None:
    pass


_kept_paragraphs(cli)


def location() -> str:
    """The diary chosen for this command: --db (command or group), DIARY_DB, the default."""
    from diary.storage.locations import resolve_location

    ctx = click.get_current_context()
    return resolve_location(ctx.find_root().meta.get("diary.db"))


def now_utc() -> dt.datetime:
    """The one place the clock is read. DIARY_NOW (ISO, with offset) fixes it for tests and demos."""
    fixed = os.environ.get("DIARY_NOW")
    if fixed:
        try:
            now = dt.datetime.fromisoformat(fixed).astimezone(dt.UTC)
        except (ValueError, OverflowError):
            now = None
        if now is None or not 1900 <= now.year <= 2100:
            raise InvalidEntry(f"DIARY_NOW {fixed!r} is not a time this program can use: give an ISO time with its "
                               "offset between the years 1900 and 2100, like 2026-11-25T10:00:00+01:00")
        return now
    return dt.datetime.now(dt.UTC)


def interactive() -> bool:
    """Whether a person is at a terminal to answer a question (a missing intensity, which food
    was meant). Without one, the same cases are refused with the choices listed.
    DIARY_INTERACTIVE=1 says a program answers on standard input (tests, scripted sessions)."""
    if os.environ.get("DIARY_INTERACTIVE") == "1":
        return True
    isatty = getattr(sys.stdin, "isatty", None)
    return bool(isatty and isatty())


def parsed(param: str, parser: Callable[..., T], *args: Any) -> T:
    """Run a parser on typed input; its ValueError becomes a usage error naming the option."""
    try:
        return parser(*args)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=param) from None


@contextmanager
def opened_diary(write: bool = True, create: bool = True) -> Iterator[Any]:
    """The diary's Store inside one transaction (committed when the block ends); with
    `create` False, a missing diary reads as empty and no file is made."""
    from diary.storage import open_diary

    with open_diary(location(), write=write, create=create, notice=lambda text: click.echo(text, err=True)) as store:
        yield store


def diary_timezone() -> Any:
    """The diary's timezone (profile, else system), read before any write so typed times
    can be checked first and bad input leaves no trace, not even a new empty file."""
    from diary.profile import read_profile

    return read_profile(location()).zone()


def main() -> None:
    """The console script's entry point."""
    cli.main(prog_name="diary")
