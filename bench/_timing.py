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


def interleaved_medians(commands: dict[str, list[str]], env: dict[str, str], runs: int,
                        width: int = 38) -> dict[str, float]:
    """Warm each command once, run them in turn `runs` times (so machine noise hits all alike),
    print each median in ms, and return the medians by name."""
    import os
    import statistics
    import sys

    for cmd in commands.values():  # warm the file cache
        timed(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(timed(cmd, env))
    medians = {name: statistics.median(ts) * 1000 for name, ts in times.items()}
    print(f"{runs} interleaved runs on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for name, ms in medians.items():
        print(f"  {name:<{width}} median {ms:7.1f} ms")
    return medians
