"""Fuzz fazhilint with generated .txt, .docx and .html inputs and configurations (hypothesis), for long.

    python tools/fuzz.py [--minutes 30] [--kinds txt,docx,html,config] [--examples 200] [--seed N]

What is generated and what is asserted lives in tests/fuzzing.py, which tests/test_fuzz.py also runs
with a few derandomized examples in every suite run. Here each round runs every kind with fresh
random examples until the time is up. A failure is shrunk by hypothesis and printed with the input
that caused it; the run then goes on with the next kind. Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.fuzzing import KINDS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--examples", type=int, default=200, help="examples per round and kind")
    parser.add_argument("--seed", type=int, default=None, help="repeatable run: round r uses seed N + r")
    parser.add_argument("--max-failures", type=int, default=20, help="stop after this many failures")
    args = parser.parse_args()
    kinds = args.kinds.split(",")
    end = time.monotonic() + args.minutes * 60
    failures, rounds, tried = 0, 0, dict.fromkeys(kinds, 0)
    while time.monotonic() < end:
        for kind in kinds:
            fn, strategy = KINDS[kind]

            def counted(case):
                tried[kind] += 1
                fn(case)

            test = settings(max_examples=args.examples, deadline=None, database=None, derandomize=False,
                            suppress_health_check=list(HealthCheck))(given(strategy)(counted))
            if args.seed is not None:
                test = seed(args.seed + rounds)(test)
            try:
                test()
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # noqa: BLE001 - report and go on
                failures += 1
                print(f"[{kind}] FAILURE: {type(e).__name__}: {e}", flush=True)
                traceback.print_exc(limit=-8)  # the innermost frames: where it broke
            if failures >= args.max_failures:
                print(f"stopped after {failures} failures", flush=True)
                return 1
            if time.monotonic() >= end:
                break
        rounds += 1
        print(f"round {rounds}: inputs tried {tried} ({sum(tried.values())}), {failures} failures", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
