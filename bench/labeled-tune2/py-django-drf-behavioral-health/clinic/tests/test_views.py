import pytest
from rest_framework.test import APIClient

FAKE_CLIENT = {"legal_name": "Test Person", "ssn": "123-45-6789", "date_of_birth": "1990-01-01", "mrn": "TEST-0001"}  # SAFE(hardcoded): placeholder test data


@pytest.fixture
def api(django_user_model):
    user = django_user_model.objects.create_user("clinician1", password="pw")
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_search_unknown_mrn_returns_404(api):
    resp = api.get("/api/clients/", {"mrn": FAKE_CLIENT["mrn"]})
    assert resp.status_code == 404
