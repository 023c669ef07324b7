import datetime as dt
import hashlib
import hmac
import uuid

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy_utils import StringEncryptedType
from sqlalchemy_utils.types.encrypted.encrypted_type import AesGcmEngine

from . import settings


def _key() -> str:
    return str(settings.FIELD_KEY)


class Base(DeclarativeBase):
    pass


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    mrn: Mapped[str] = mapped_column(StringEncryptedType(String, _key, AesGcmEngine), unique=True)  # SAFE(storage): MRN column encrypted with AES-GCM
    full_name: Mapped[str] = mapped_column(StringEncryptedType(String, _key, AesGcmEngine))
    birth_date: Mapped[str] = mapped_column(StringEncryptedType(String, _key, AesGcmEngine))
    phone: Mapped[str] = mapped_column(StringEncryptedType(String, _key, AesGcmEngine))
    email: Mapped[str | None] = mapped_column(StringEncryptedType(String, _key, AesGcmEngine), nullable=True)
    primary_diagnosis: Mapped[str] = mapped_column(String(256))  # LEAK(storage): cancer diagnosis stored in plaintext beside encrypted identifiers
    dedupe_key: Mapped[str] = mapped_column(String(64), index=True)  # HMAC of MRN + DOB, see dedupe_key below
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    regimens: Mapped[list["Regimen"]] = relationship(back_populates="patient")


class Regimen(Base):
    __tablename__ = "regimens"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    patient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("patients.id"))
    protocol: Mapped[str] = mapped_column(String(64))  # e.g. FOLFOX, AC-T
    cycle_count: Mapped[int]
    start_date: Mapped[dt.date] = mapped_column(Date)
    body_surface_area: Mapped[float]
    dose_adjustments: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="planned")

    patient: Mapped[Patient] = relationship(back_populates="regimens")


class PathologyReport(Base):
    __tablename__ = "pathology_reports"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    patient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("patients.id"))
    accession: Mapped[str] = mapped_column(String(32))
    report_text: Mapped[str] = mapped_column(StringEncryptedType(Text, _key, AesGcmEngine))
    staging: Mapped[str] = mapped_column(StringEncryptedType(String, _key, AesGcmEngine))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    actor_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# Patient matching keys. The dedupe key joins our records to the scheduling system; the legacy key is
# what the 2016-era ARIA interface still sends in its ADT feed, so we have to keep producing it.
def dedupe_key(mrn: str, birth_date: str) -> str:
    msg = f"{mrn.strip().upper()}|{birth_date}".encode()
    return hmac.new(str(settings.DEDUPE_PEPPER).encode(), msg, hashlib.sha256).hexdigest()  # SAFE(crypto): keyed HMAC-SHA256 pseudonym


def legacy_aria_key(mrn: str) -> str:
    return hashlib.md5(mrn.strip().upper().encode()).hexdigest()  # LEAK(crypto): unkeyed MD5 of the MRN used as a join key


def masked_mrn(mrn: str) -> str:
    return "*" * max(len(mrn) - 4, 0) + mrn[-4:]
