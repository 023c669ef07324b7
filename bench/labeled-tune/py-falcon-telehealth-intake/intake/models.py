import os

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text, create_engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker
from sqlalchemy_utils import StringEncryptedType
from sqlalchemy_utils.types.encrypted.encrypted_type import AesGcmEngine

from intake.config import settings

_FIELD_KEY = os.environ["FIELD_ENCRYPTION_KEY"]

Base = declarative_base()
engine = create_engine(settings["database"]["url"], pool_pre_ping=True, pool_size=10)
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)


def _enc(type_):
    return StringEncryptedType(type_, _FIELD_KEY, AesGcmEngine)


class Patient(Base):
    __tablename__ = "patients"

    id = Column(Integer, primary_key=True)
    external_id = Column(String(36), unique=True, nullable=False)
    first_name = Column(_enc(String(120)))  # SAFE(storage): AES-GCM encrypted column
    last_name = Column(_enc(String(120)))
    dob = Column(_enc(Date))
    phone = Column(_enc(String(32)))
    phone_key = Column(String(32), index=True)
    email = Column(_enc(String(255)))
    email_digest = Column(String(64), index=True)  # SAFE(storage): HMAC digest, not the address
    insurance_member_id = Column(String(40))  # LEAK(storage): health plan member id in a plaintext column
    created_at = Column(DateTime)

    intakes = relationship("Intake", back_populates="patient")


class Intake(Base):
    __tablename__ = "intakes"

    id = Column(Integer, primary_key=True)
    external_id = Column(String(36), unique=True, nullable=False)
    patient_id = Column(Integer, ForeignKey("patients.id"), nullable=False)
    chief_complaint = Column(Text)  # LEAK(storage): free-text complaint stored unencrypted
    symptoms = Column(_enc(Text))
    medications = Column(_enc(Text))
    status = Column(String(20), default="submitted")
    submitted_at = Column(DateTime)

    patient = relationship("Patient", back_populates="intakes")


class VisitNote(Base):
    __tablename__ = "visit_notes"

    id = Column(Integer, primary_key=True)
    visit_id = Column(String(36), index=True)
    intake_id = Column(Integer, ForeignKey("intakes.id"))
    author_npi = Column(String(10))
    body = Column(_enc(Text))
    summary = Column(_enc(Text))


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id = Column(Integer, primary_key=True)
    actor = Column(String(64), nullable=False)
    action = Column(String(120), nullable=False)
    subject_ref = Column(String(64))
    occurred_at = Column(DateTime, nullable=False)
