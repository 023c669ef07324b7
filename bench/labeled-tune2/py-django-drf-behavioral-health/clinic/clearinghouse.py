import requests
from django.conf import settings


class EligibilityError(Exception):
    pass


class ClearinghouseClient:
    def __init__(self, base_url=None, api_key=None):
        self.base_url = base_url or settings.CLEARINGHOUSE_URL
        self.session = requests.Session()
        self.session.verify = False  # LEAK(transmission): certificate verification off for the clearinghouse
        self.session.headers["X-Api-Key"] = api_key or settings.CLEARINGHOUSE_API_KEY

    def eligibility(self, member_id, dob, last_name):
        resp = self.session.get(f"{self.base_url}/eligibility", params={"member_id": member_id, "dob": dob, "last_name": last_name}, timeout=20)  # LEAK(exposure): member id, DOB and surname in the query string
        if resp.status_code != 200:
            raise EligibilityError(f"eligibility failed for member {member_id} ({last_name}, {dob}): HTTP {resp.status_code}")  # LEAK(logging): identifiers in exception text
        return resp.json()
