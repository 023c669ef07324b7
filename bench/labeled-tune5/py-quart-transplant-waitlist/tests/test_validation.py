import pytest

from waitlist.routes.candidates import _validate

SAMPLE = {
    "mrn": "MRN-00000000",  # SAFE(hardcoded): synthetic test record
    "first_name": "Jane",
    "last_name": "Testpatient",
    "dob": "1970-01-01",
    "ssn": "000-00-0000",
    "organ": "kidney",
    "abo": "O",
}


def test_valid_record_passes():
    _validate(dict(SAMPLE))


def test_bad_abo_rejected():
    with pytest.raises(ValueError):
        _validate({**SAMPLE, "abo": "Z"})


def test_missing_fields_rejected():
    with pytest.raises(ValueError, match="missing fields"):
        _validate({"organ": "liver"})
