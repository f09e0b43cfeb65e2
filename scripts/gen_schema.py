"""Regenerate diary/schema.py from diary/models.py and the migrations.

Run after changing the models and adding a migration:
    python scripts/gen_schema.py
tests/test_fastpath.py fails while the file is out of date.
"""

from __future__ import annotations

from pathlib import Path

from diary.storage.migrate import render_schema_module

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "diary" / "schema.py"
    target.write_text(render_schema_module())
    print(f"wrote {target}")
