import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The chat turns an unexpected error into a polite message for people; under test it must raise.
os.environ.setdefault("POLICY_ASSISTANT_DEBUG", "1")
# Search keeps its built index in the user's cache directory; the suite (and the commands it
# runs) use a fresh one of their own, removed at the end, so no run depends on an earlier one.
if "POLICY_ASSISTANT_CACHE" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="policy-assistant-test-cache-")
    os.environ["POLICY_ASSISTANT_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent


def run_with_cache(script: str, cache_dir: Path | str, *args: str) -> dict:
    """Run ``script`` in a fresh interpreter with the given cache directory ("off" for none) and
    return the JSON it prints: the stored tables (regex, dataclass methods) are tested across launches."""
    env = {**os.environ, "POLICY_ASSISTANT_CACHE": str(cache_dir)}
    cmd = [sys.executable, "-c", script, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return json.loads(proc.stdout)


# CI clones the repo elsewhere and says where shared/ is; a developer has it beside the checkout.
SHARED = Path(os.environ.get("POLICY_ASSISTANT_SHARED", ROOT.parent / "shared"))
SHARED_NOTICE = SHARED / "notice" / "jiangle-2024-q1-industrial-measures.txt"
# The notice as published, kept in the repo so the verbatim test never depends on shared/.
NOTICE_RAW = ROOT / "corpus" / "source" / "jiangle-2024-q1-industrial-measures.txt"

# One enterprise's answers as people type them, shared by the chat's and the report's profile tests
# (each adds its own sales, 专精特新 date and statistics staff): a 规上 manufacturer in the county,
# power 120万→150万度, gas 5万方, 老上规 in the 小升规 pool, not a heat supplier, 350万美元 FDI.
SAMPLE_PROFILE = {
    "above_scale_industrial": "是",
    "above_scale_manufacturing": "是",
    "complies_with_industrial_policy": "是",
    "newly_commissioned_2024q1": "否",
    "strategic_emerging_2023": "否",
    "power_2023q1_kwh": "120万度",
    "power_2024q1_kwh": "150万度",
    "in_county": "是",
    "gas_2024q1_m3": "5万方",
    "heat_supplier": "否",
    "in_cultivation_pool": "是",
    "counted_2024": "是",
    "entry_type": "老上规",
    "continuous_reporting": "是",
    "fdi_2024q1_usd": "350万美元",
}


@pytest.fixture(scope="session")
def notice_raw() -> str:
    return NOTICE_RAW.read_text(encoding="utf-8")
