import datetime as dt
from types import SimpleNamespace

from app.services import packets

FAKE_PATIENT = SimpleNamespace(full_name="Testy McPatient", mrn="MRN-000-FAKE", birth_date="1970-01-01", primary_diagnosis="C18.7")  # SAFE(hardcoded): synthetic patient in a unit test


def test_build_packet_includes_regimens():
    regimen = SimpleNamespace(protocol="FOLFOX", cycle_count=12, start_date=dt.date(2024, 1, 8), status="active")
    packet = packets.build_packet(FAKE_PATIENT, [regimen], [])
    assert packet["regimens"][0]["protocol"] == "FOLFOX"
    assert packet["patient"]["mrn"] == "MRN-000-FAKE"


def test_spool_writes_json(tmp_path, monkeypatch):
    monkeypatch.setattr(packets, "PACKET_DIR", str(tmp_path))
    path = packets.spool({"patient": {"name": "Testy McPatient"}}, "case1")
    assert path.endswith("case1.json")
