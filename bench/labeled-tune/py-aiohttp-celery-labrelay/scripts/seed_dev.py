"""Load a couple of obviously fake patients into the local dev database."""
import uuid

import psycopg

FAKE_PATIENTS = [
    {"mrn": "TEST0001", "first_name": "Alpha", "last_name": "Testpatient", "dob": "1900-01-01", "phone": "+15550100001"},  # SAFE(hardcoded): dev seed with fake values
    {"mrn": "TEST0002", "first_name": "Bravo", "last_name": "Testpatient", "dob": "1900-01-02", "phone": "+15550100002"},  # SAFE(hardcoded): dev seed with fake values
]


def main():
    with psycopg.connect("postgresql://labrelay:changeme@localhost:5432/labrelay") as conn:  # SAFE(transmission): localhost
        for p in FAKE_PATIENTS:
            conn.execute(
                "INSERT INTO patients (external_id, mrn, first_name, last_name, dob, phone) VALUES (%s, %s, %s, %s, %s, %s)",
                (str(uuid.uuid4()), p["mrn"], p["first_name"], p["last_name"], p["dob"], p["phone"]),
            )
    print(f"seeded {len(FAKE_PATIENTS)} fake patients")


if __name__ == "__main__":
    main()
