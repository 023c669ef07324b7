import falcon.testing
import pytest

FAKE_INTAKE = {
    "first_name": "Testy",
    "last_name": "McTestface",
    "dob": "1900-01-01",  # SAFE(hardcoded): obvious placeholder in a test
    "email": "testy@example.com",
    "phone": "555-0100",
    "member_id": "TEST000000",
    "symptoms": ["cough"],
    "chief_complaint": "test complaint",
}


@pytest.fixture
def client(mocker):
    mocker.patch("intake.services.OpenAI")
    mocker.patch("intake.cache.redis.Redis.from_url")
    from intake.app import create_app

    return falcon.testing.TestClient(create_app())


def test_intake_requires_fields(client, mocker):
    mocker.patch("intake.hooks.jwt.decode", return_value={"sub": "staff-1"})
    resp = client.simulate_post("/v1/intakes", json={"first_name": "Testy"}, headers={"Authorization": "Bearer x"})
    assert resp.status_code == 400


def test_intake_created(client, mocker):
    mocker.patch("intake.hooks.jwt.decode", return_value={"sub": "staff-1"})
    repo = mocker.patch("intake.repository.IntakeRepository.create_intake", return_value={**FAKE_INTAKE, "id": "abc"})
    resp = client.simulate_post("/v1/intakes", json=FAKE_INTAKE, headers={"Authorization": "Bearer x"})
    assert resp.status_code == 201
    assert repo.called
