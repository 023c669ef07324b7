from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy_utils import StringEncryptedType
from sqlalchemy_utils.types.encrypted.encrypted_type import AesGcmEngine

from .config import settings


def _enc(length: int = 255) -> StringEncryptedType:
    return StringEncryptedType(String(length), settings.field_key, AesGcmEngine)


class Base(DeclarativeBase):
    pass


class Clinician(Base):
    __tablename__ = "clinicians"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    npi: Mapped[str] = mapped_column(String(10), unique=True)  # SAFE(storage): clinician NPI is workforce data, not patient PHI
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    mrn_lookup: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    mrn: Mapped[str] = mapped_column(_enc(32))
    first_name: Mapped[str] = mapped_column(_enc(120))
    last_name: Mapped[str] = mapped_column(_enc(120))
    dob: Mapped[str] = mapped_column(_enc(10))
    ssn: Mapped[str] = mapped_column(_enc(11))  # SAFE(storage): SSN stored through the AES-GCM encrypted column type
    email: Mapped[str] = mapped_column(_enc(255))
    phone: Mapped[str] = mapped_column(String(20))  # LEAK(storage): phone added as a plain String column while every other identifier on the model is encrypted
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    visits: Mapped[list["Visit"]] = relationship(back_populates="patient")


class Visit(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    clinician_id: Mapped[int] = mapped_column(ForeignKey("clinicians.id"))
    scheduled_for: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="booked")
    reason: Mapped[str] = mapped_column(_enc(500))
    notes: Mapped[str | None] = mapped_column(_enc(8000), nullable=True)
    room_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    patient: Mapped[Patient] = relationship(back_populates="visits")


class Prescription(Base):
    __tablename__ = "prescriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    drug_name: Mapped[str] = mapped_column(_enc(200))
    dosage: Mapped[str] = mapped_column(_enc(100))
    sig: Mapped[str] = mapped_column(Text)  # LEAK(storage): patient directions (drug, dose, indication) kept as plaintext Text next to encrypted drug/dosage
    status: Mapped[str] = mapped_column(String(20), default="new")
    pharmacy_note: Mapped[str | None] = mapped_column(_enc(1000), nullable=True)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column()
    action: Mapped[str] = mapped_column(String(120))
    resource: Mapped[str] = mapped_column(String(60))
    resource_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    outcome: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime)
