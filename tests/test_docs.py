"""Every command teaches itself: help with examples, and a place in the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from diary.cli import COMMANDS, cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli, info_name="diary")
    found = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            sub = click.Context(command, info_name=name, parent=ctx)
            found.extend((f"{name} {s}", command.get_command(sub, s)) for s in command.list_commands(sub))
    return found


def test_every_planned_command_exists() -> None:
    """Every command of DESIGN section 3 is offered by the CLI."""
    ctx = click.Context(cli, info_name="diary")
    assert cli.list_commands(ctx) == list(COMMANDS)


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    """`diary NAME --help` says what the command does and shows how to type it."""
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0
    assert command.help and len(command.help) > 40
    if not isinstance(command, click.Group) and name not in ("db path",):
        assert f"diary {name}" in result.stdout, f"no example of diary {name} in its help"
    # Click's paragraph marker never shows: not raw, nor as the escaped \x08 a terminal would see
    assert "\x08" not in result.stdout and "\\x08" not in result.stdout, result.stdout


def test_the_main_help_keeps_its_example_paragraphs_and_shows_no_marker() -> None:
    """The examples under 'Log a spasm', 'Log the rest' and 'Before the appointment' are kept as typed,
    each paragraph after a blank line, with no \\x08 where Click's marker stood."""
    out = subprocess.run([sys.executable, "-m", "diary", "--help"], capture_output=True, text=True, check=True).stdout
    assert "x08" not in out and "\x08" not in out
    assert "    diary today\n\n  Before the appointment:\n    diary report --month 2026-11 --out november.pdf\n" in out


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_in_the_readme(name: str) -> None:
    """The README's tour or developer notes mention each command."""
    assert f"diary {name}" in README


def test_plain_diary_shows_the_help() -> None:
    """`diary` with nothing else prints the full help (with examples), not an error."""
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: diary [OPTIONS] COMMAND [ARGS]...")
    assert "  diary spasm 7\n" in result.stdout


def test_unknown_command_suggests_the_close_one() -> None:
    """A mistyped command name gets a one-line suggestion."""
    result = CliRunner().invoke(cli, ["spsam", "7"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: no command 'spsam': did you mean spasm? see diary --help for the commands\n")


def test_every_package_ships_in_the_distribution() -> None:
    """Every folder of Python modules under diary/, migrations/ and reports/ is listed in pyproject.toml's
    packages, so an installed diary (not only a checkout) has it."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapped = {source: name for name, source in config["package-dir"].items()}
    found = set()
    for init in root.glob("**/__init__.py"):
        folder = init.parent.relative_to(root).as_posix()
        if folder.startswith(("tests", ".venv", "build", "bench", "scripts")) or "/." in folder:
            continue
        name = mapped.get(folder) or folder.replace("/", ".")
        found.add(name)
    assert found - listed == set()
