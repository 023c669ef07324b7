from datetime import date

from app.models import Patient

FAKE_PATIENT = Patient(id=1, mrn="MRN-TEST-01", full_name="Pat Example", dob=date(1980, 1, 1), phone="555-0100", care_team_id=1)  # SAFE(hardcoded): obvious test fixture


def test_fixture_is_synthetic():
    assert FAKE_PATIENT.mrn.startswith("MRN-TEST")
