from __future__ import annotations

from diary.cli import main

main()
