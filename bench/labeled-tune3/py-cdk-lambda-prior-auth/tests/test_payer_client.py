import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from common.payer_client import submission_key  # noqa: E402

MEMBER = {"member_id": "FAKE-MBR-000000", "name": "Testy McPatient", "dob": "1970-01-01"}  # SAFE(hardcoded): synthetic member in a unit test


def test_submission_key_is_stable():
    a = submission_key(MEMBER["member_id"], "97110", "2024-05-01")
    b = submission_key(MEMBER["member_id"], "97110", "2024-05-01")
    assert a == b and len(a) == 40
