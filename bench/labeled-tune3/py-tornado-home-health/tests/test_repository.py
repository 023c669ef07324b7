import pytest

from homehealth.crypto import seal, unseal
from homehealth.handlers.patients import _open

SAMPLE = {"_id": "65f000000000000000000001", "name": seal("Testy McPatient"), "dob": seal("1970-01-01"), "address": seal("1 Fake St, Nowhere OH"), "phone": seal("+15550100")}  # SAFE(hardcoded): synthetic patient in a unit test


def test_open_round_trips():
    opened = _open(SAMPLE)
    assert opened["name"] == "Testy McPatient"
    assert unseal(seal("x")) == "x"
