"""The fuzzer's properties (tests/fuzzing.py) in every suite run: a few derandomized examples of
each kind, so a run is repeatable and short; tools/fuzz.py runs the same for as long as asked."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzzing import KINDS

EXAMPLES = {"txt": 100, "docx": 50, "html": 150, "config": 200, "pack": 100, "cli": 60}  # ~15 s of CPU in all


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_generated_inputs_lint_and_fix_cleanly(kind):
    prop, strategy = KINDS[kind]
    test = settings(max_examples=EXAMPLES[kind], derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck))(given(strategy)(prop))
    test()


FOUND = [  # what tools/fuzz.py found, as it printed them (shrunk), each fixed since
    # FZ203 took a run of half-width marks one mark per round of --fix (the next had a Chinese neighbour
    # only once the previous was fixed): more than fix.MAX_ROUNDS marks were left half done
    ("txt", "松江镇2023年法治政府建设工作报告\n一、一、" + "?" * 10),
    # a GBK file name in a folder crashed every format on a strict UTF-8 stdout, and --diff's header
    ("cli", ("松江镇2023年法治政府建设工作报告\n", "x\udcb1\udca8.txt", "gitlab", [], True)),
    ("cli", ("松江镇2023年法治政府建设工作报告\n2024年01月08日", "x\udcb1\udca8.txt", "concise", [("--diff",)], False)),
]


@pytest.mark.parametrize("kind, case", FOUND, ids=[f"{kind}-{i}" for i, (kind, _) in enumerate(FOUND)])
def test_inputs_the_fuzzer_found(kind, case):
    KINDS[kind][0](case)
