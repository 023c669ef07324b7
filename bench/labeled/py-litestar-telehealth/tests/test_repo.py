import logging

import pytest

from telehealth.models import Patient
from telehealth.repo import mask_phone, patient_card

log = logging.getLogger("tests")

FAKE = Patient(id=1, mrn="TEST-0001", first_name="Testy", last_name="McTestface", dob="1970-01-01", ssn="000-00-0000", email="testy@example.com", phone="555-0100")  # SAFE(hardcoded): obviously fake test patient in a unit test


def test_patient_card_shape():
    card = patient_card(FAKE)
    log.info("card %s", card)  # SAFE(logging): test-only log of a synthetic record
    assert card["name"] == "Testy McTestface"
    assert set(card) == {"id", "name", "dob", "phone", "email"}


@pytest.mark.parametrize("raw,want", [("555-0100", "***-***-0100"), ("", ""), (None, "")])
def test_mask_phone(raw, want):
    assert mask_phone(raw) == want
