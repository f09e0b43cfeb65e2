"""The layers flow one way, read from the imports of every module (DESIGN section 9, issue 9):
front ends (diary/cli, diary/web) sit on the domain, the domain on storage; Click only in the CLI,
Starlette only in the web; no front end imports the other; storage never imports the domain; the
report never writes; reports/ and migrations/ import each other relatively; no module imports
another's private name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "diary").rglob("*.py"), *(ROOT / "reports").rglob("*.py"),
                  *(ROOT / "migrations").rglob("*.py")])


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, names imported from it, level) for every import in the file, nested ones too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", [a.name for a in node.names], node.level))
    return found


def _part(path: Path) -> str:
    rel = path.relative_to(ROOT)
    if rel.parts[0] != "diary" or len(rel.parts) == 2:
        return rel.parts[0]
    return f"diary/{rel.parts[1]}"


def _modules(part: str) -> list[Path]:
    return [p for p in SOURCES if _part(p) == part or (part == "diary" and _part(p).startswith("diary/")
                                                        and _part(p).endswith(".py"))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_imports_only_downwards(path: Path) -> None:
    part = _part(path)
    for module, _, level in _imports(path):
        if level:
            continue
        if module.split(".")[0] in ("click",):
            assert part == "diary/cli", f"{path.name} imports Click outside diary/cli"
        if module.split(".")[0] in ("starlette", "uvicorn", "jinja2"):
            assert part in ("diary/web", "diary/cli"), f"{path.name} imports {module} outside diary/web"
        if module.startswith("diary.cli") and path.name != "__main__.py":  # `python -m diary` runs the CLI
            assert part == "diary/cli", f"{path.name} imports the command line ({module})"
        if module.startswith("diary.web"):
            assert part in ("diary/web", "diary/cli"), f"{path.name} imports the phone page ({module})"
        if part == "diary/storage" and module.startswith("diary."):
            below = ("diary.storage", "diary.errors", "diary.schema", "diary.models", "diary.dbtime",
                     "diary.migrations", "diary.outputs")  # outputs: safe files (a backup), no domain
            assert module.startswith(below), f"storage module {path.name} imports the domain ({module})"


@pytest.mark.parametrize("path", [p for p in SOURCES if _part(p) in ("reports", "migrations")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_reports_and_migrations_import_each_other_relatively(path: Path) -> None:
    """Their modules are installed as diary.reports and diary.migrations; a relative import names the file
    a reader finds beside them."""
    for module, _, level in _imports(path):
        assert not (level == 0 and module.startswith(("diary.reports", "diary.migrations", "reports", "migrations"))), (
            f"{path.name} imports {module} by its installed name")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_of_another_module_is_imported(path: Path) -> None:
    """`from x import _name` reaches into another module's insides (the generated diary.schema module is
    the one private module imported by name: a generated file nobody edits)."""
    for module, names, level in _imports(path):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{path.name} imports {private} from {module or '.' * level}"
        last = module.split(".")[-1]
        assert not (last.startswith("_") and not last.startswith("__")), (
            f"{path.name} imports the private module {module}")


def test_the_report_never_writes() -> None:
    """reports/ reads the diary through a read-only connection: it calls no write of the storage layer."""
    for path in [p for p in SOURCES if _part(p) == "reports"]:
        text = path.read_text()
        for call in ("open_diary(", "store.insert(", "store.update(", "write_row(", "change_row(", ".commit("):
            assert call not in text, f"{path.name} calls {call}"


def test_edit_is_one_domain_call_in_both_front_ends() -> None:
    """`diary edit` and the phone page's edit form apply an edit through diary.editing.edit, not each their own
    sequence of amount, triggers, time column and notices (issue 9: a command parses, calls one function, prints)."""
    for path in (ROOT / "diary" / "cli" / "manage.py", ROOT / "diary" / "web" / "today.py"):
        text = path.read_text()
        assert "editing.edit(" in text and "entries.edit_entry(" not in text, path.name
