import datetime

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from otp.crypto import seal, unseal
from otp.db import database


class SealedField(TextField):
    """AES-GCM sealed text column."""

    def db_value(self, value):
        return seal(value)

    def python_value(self, value):
        return unseal(value)


class Base(Model):
    class Meta:
        database = database


class Patient(Base):
    chart_no = SealedField()  # SAFE(storage): chart number sealed with AES-GCM
    full_name = SealedField()
    dob = SealedField()
    ssn = SealedField(null=True)
    phone = SealedField(null=True)
    emergency_contact = TextField(null=True)  # LEAK(storage): contact name/phone who knows about treatment, stored plaintext beside sealed identifiers
    medication = CharField(max_length=24)  # methadone, buprenorphine, naltrexone
    admitted_on = DateField()
    phase = IntegerField(default=1)
    active = BooleanField(default=True)


class Dose(Base):
    patient = ForeignKeyField(Patient, backref="doses")
    given_at = DateTimeField(default=datetime.datetime.utcnow)
    mg = DecimalField(max_digits=6, decimal_places=2)
    take_home = BooleanField(default=False)
    nurse_id = IntegerField()


class DrugScreen(Base):
    patient = ForeignKeyField(Patient, backref="screens")
    collected_on = DateField()
    panel = CharField(max_length=32)
    results = SealedField()  # SAFE(storage): UDS results sealed
    observed = BooleanField(default=False)
    notes = TextField(null=True)  # LEAK(storage): collector notes (substances admitted) plaintext while results are sealed


class Consent(Base):
    patient = ForeignKeyField(Patient, backref="consents")
    recipient = CharField(max_length=200)
    purpose = CharField(max_length=200)
    expires_on = DateField(null=True)
    revoked = BooleanField(default=False)


class AuditLog(Base):
    at = DateTimeField(default=datetime.datetime.utcnow)
    actor = IntegerField(null=True)
    action = CharField(max_length=64)
    target = CharField(max_length=64)
    route = CharField(max_length=120)
