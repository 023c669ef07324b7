from claims_api.repository import ClaimRepository

SAMPLE_CLAIM = {"member_id": "TEST000001", "member_ssn": "123-45-6789", "service_date": "2024-01-01", "cpt": "99213", "patient_name": "Test Member"}  # SAFE(hardcoded): placeholder test data


def test_dedupe_key_is_stable():
    assert ClaimRepository.dedupe_key(SAMPLE_CLAIM) == ClaimRepository.dedupe_key(dict(SAMPLE_CLAIM))
