import pandas as pd
from cryptography.fernet import Fernet

CLAIM_COLUMNS = ["claim_id", "member_id", "patient_name", "dob", "dos", "cpt", "icd10", "billed", "paid", "status"]


def claims_frame(rows):
    return pd.DataFrame(
        [{**r, "patient_name": f"{r['last_name']}, {r['first_name']}"} for r in rows],
        columns=CLAIM_COLUMNS,
    )


def eligibility_frame(members):
    return pd.DataFrame(
        [
            {
                "member_id": m["member_id"],
                "last": m["last_name"],
                "first": m["first_name"],
                "dob": m["dob"],
                "payer_id": m["payer_id"],
            }
            for m in members
        ]
    )


def write_payer_summary(df, path):
    summary = (
        df.groupby("status")
        .agg(claims=("claim_id", "count"), billed=("billed", "sum"), paid=("paid", "sum"))
        .reset_index()
    )
    summary.to_csv(path, index=False)  # SAFE(storage): per-status aggregate totals, no person-level rows


def write_encrypted_export(df, path, key):
    token = Fernet(key).encrypt(df.to_csv(index=False).encode())
    with open(path, "wb") as fh:
        fh.write(token)  # SAFE(storage): export is Fernet-encrypted before it touches disk


def write_denials_workbook(df, path):
    denied = df[df["status"] == "denied"]
    denied.to_excel(path, index=False, sheet_name="denials")  # LEAK(storage): per-patient denied-claims workbook (name, DOB, ICD-10) written unencrypted
