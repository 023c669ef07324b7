import csv
import io
import logging
from datetime import datetime

log = logging.getLogger("labs.ingest")

REQUIRED = ("mrn", "patient_name", "dob", "test_code", "value", "units", "collected_at")


class UploadError(ValueError):
    pass


def flag_for(value: float, ref_range: str) -> str | None:
    try:
        lo, hi = (float(x) for x in ref_range.split("-", 1))
    except ValueError:
        return None
    if value < lo * 0.5 or value > hi * 2:
        return "critical"
    if value < lo or value > hi:
        return "abnormal"
    return None


def normalize(row: dict) -> dict:
    value = row["value"].strip()
    try:
        num = float(value)
    except ValueError:
        raise ValueError(f"non-numeric result {value!r} for mrn {row['mrn']}")  # LEAK(logging): exception text embeds the MRN and the raw result; parse_upload logs it and returns it
    ref = (row.get("ref_range") or "").strip()
    return {
        "mrn": row["mrn"].strip(),
        "patient_name": row["patient_name"].strip(),
        "dob": row["dob"].strip(),
        "email": (row.get("email") or "").strip(),
        "test_code": row["test_code"].strip().upper(),
        "value": num,
        "units": row["units"].strip(),
        "ref_range": ref,
        "flag": flag_for(num, ref),
        "collected_at": datetime.fromisoformat(row["collected_at"].strip()).isoformat(),
    }


def parse_upload(raw: bytes) -> tuple[list[dict], list[str]]:
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise UploadError(f"upload is missing columns: {', '.join(missing)}")  # SAFE(logging): only column names in the error text
    items, errors = [], []
    for n, row in enumerate(reader, start=2):
        try:
            items.append(normalize(row))
        except (KeyError, ValueError) as exc:
            log.warning("skipping line %d: %s (%r)", n, exc, row)  # LEAK(logging): entire CSV row (name, MRN, DOB, result) logged on a parse failure
            errors.append(f"line {n}: {exc}")
    log.info("parsed %d rows, %d rejected", len(items), len(errors))  # SAFE(logging): counts only
    return items, errors
