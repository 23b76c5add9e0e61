"""benchmarks/answer_costs.py on a small synthetic arrangement: every way of asking is timed."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "answer_costs.py"


def test_each_way_of_asking_and_each_format_is_timed() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--scale", "0.0045", "--repeat", "3"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    timed = dict(re.findall(r"^\| ([^|]+?) \| ([\d.]+) ms \|", done.stdout, re.MULTILINE))
    assert {"`actions` warm in the loaded process", "the same, repeated in one forked child",
            "the same, one fork a run (`query run --timeout`)", "the same through `govgraph serve` (HTTP, JSON)",
            "table", "csv", "json"} == set(timed)
    assert all(float(ms) > 0 for ms in timed.values())
    assert re.search(r"\| [\d,]+ page faults a run \|", done.stdout)
    assert re.search(r"^served / in-process for `actions`: [\d.]+x \(target: within 2x\) (pass|FAIL)$",
                     done.stdout, re.MULTILINE)
