"""What the end-to-end benchmarks share: timing one command as a user would run it."""

from __future__ import annotations

import subprocess
import time


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds for one run of `cmd` (a failing run stops the benchmark)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-500:]}")
    return elapsed
