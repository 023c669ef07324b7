from tortoise import fields
from tortoise.models import Model

from app.fields import EncryptedTextField


class Staff(Model):
    id = fields.IntField(pk=True)
    email = fields.CharField(max_length=200, unique=True)
    display_name = fields.CharField(max_length=120)
    role = fields.CharField(max_length=32)  # tech, physician, scheduler, billing
    npi = fields.CharField(max_length=10, null=True)
    active = fields.BooleanField(default=True)


class Patient(Model):
    id = fields.UUIDField(pk=True)
    mrn = EncryptedTextField()  # SAFE(storage): Fernet-sealed column
    full_name = EncryptedTextField()
    dob = EncryptedTextField()
    email = EncryptedTextField(null=True)
    phone = fields.CharField(max_length=32, null=True)  # LEAK(storage): plaintext phone while the model seals its other identifiers
    payer_member_id = EncryptedTextField(null=True)
    legacy_key = fields.CharField(max_length=32, null=True, index=True)
    bmi = fields.FloatField(null=True)
    neck_circumference_cm = fields.FloatField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "patients"


class SleepStudy(Model):
    id = fields.IntField(pk=True)
    patient = fields.ForeignKeyField("models.Patient", related_name="studies")
    kind = fields.CharField(max_length=16)  # PSG, HSAT, SPLIT, TITRATION, MSLT
    scheduled_for = fields.DatetimeField(null=True)
    status = fields.CharField(max_length=16, default="scheduled")
    referral_reason = fields.TextField(null=True)  # LEAK(storage): free-text referral reason in plaintext next to sealed interpretation
    ahi = fields.FloatField(null=True)
    odi = fields.FloatField(null=True)
    nadir_spo2 = fields.FloatField(null=True)
    interpretation = EncryptedTextField(null=True)  # SAFE(storage): physician interpretation sealed
    diagnosis_code = fields.CharField(max_length=12, null=True)
    raw_object_key = fields.CharField(max_length=255, null=True)
    scored_by = fields.ForeignKeyField("models.Staff", null=True, related_name="scored")

    class Meta:
        table = "sleep_studies"


class CpapNight(Model):
    id = fields.IntField(pk=True)
    patient = fields.ForeignKeyField("models.Patient", related_name="nights")
    night_of = fields.DateField()
    usage_minutes = fields.IntField()
    residual_ahi = fields.FloatField(null=True)
    leak_lpm = fields.FloatField(null=True)
    device_serial = fields.CharField(max_length=40)


class AuditEvent(Model):
    id = fields.BigIntField(pk=True)
    at = fields.DatetimeField(auto_now_add=True)
    actor_id = fields.IntField(null=True)
    action = fields.CharField(max_length=64)
    resource = fields.CharField(max_length=128)
    outcome = fields.SmallIntField()
