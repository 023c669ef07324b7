from labs.ingest import flag_for, parse_upload

SAMPLE = "\n".join(
    [
        "mrn,patient_name,dob,email,test_code,value,units,ref_range,collected_at",
        "TEST0001,Testy McTestface,1970-01-01,testy@example.com,K,6.9,mmol/L,3.5-5.1,2024-01-02T08:00:00",  # SAFE(hardcoded): synthetic sample row used only by the unit tests
        "TEST0002,Jane Placeholder,1980-02-02,jane@example.com,NA,abc,mmol/L,135-145,2024-01-02T08:05:00",  # SAFE(hardcoded): synthetic sample row used only by the unit tests
    ]
).encode()


def test_parse_upload_flags_and_errors():
    items, errors = parse_upload(SAMPLE)
    print(items)  # SAFE(logging): printing synthetic parse output inside a test
    assert len(items) == 1 and items[0]["flag"] == "abnormal"
    assert len(errors) == 1


def test_flag_for_handles_bad_range():
    assert flag_for(4.0, "n/a") is None
