"""What the tests share, in one place: running commands against a diary and reading its rows
(diaries.py), PostgreSQL diaries (servers.py), the phone page's test rig (web.py), the
report's simulated diaries (report.py), its hand-built November diary (hand_diary.py), odd
diaries (odd_diaries.py) and the reference statistics its numbers are checked against
(reference_stats.py). Fixtures live in tests/conftest.py."""

from __future__ import annotations

from tests.helpers.diaries import (
    HEAVY_MODULES,
    PLANTED,
    Diary,
    dump_tables,
    fill_disk,
    modules_after_command,
    sqlite_columns,
)
from tests.helpers.servers import POSTGRES, drop_server_diary, new_server_diary, plant_zero_trigger, server_diary

__all__ = [
    "HEAVY_MODULES", "PLANTED", "POSTGRES", "Diary", "drop_server_diary", "dump_tables", "fill_disk", "modules_after_command",
    "new_server_diary", "plant_zero_trigger", "server_diary", "sqlite_columns",
]
