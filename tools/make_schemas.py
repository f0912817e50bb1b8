"""Regenerate fazhilint/schemas/*.schema.json from the rules (run after adding a rule or an option)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fazhilint import schemas  # noqa: E402

for path in schemas.write():
    print(path)
