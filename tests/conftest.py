import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# CI clones the repo elsewhere and says where shared/ is; a developer has it beside the checkout.
SHARED = Path(os.environ.get("POLICY_ASSISTANT_SHARED", ROOT.parent / "shared"))
SHARED_NOTICE = SHARED / "notice" / "jiangle-2024-q1-industrial-measures.txt"
# The notice as published, kept in the repo so the verbatim test never depends on shared/.
NOTICE_RAW = ROOT / "corpus" / "source" / "jiangle-2024-q1-industrial-measures.txt"


@pytest.fixture(scope="session")
def notice_raw() -> str:
    return NOTICE_RAW.read_text(encoding="utf-8")
