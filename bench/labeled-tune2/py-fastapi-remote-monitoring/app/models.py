from datetime import date, datetime

from sqlmodel import Field, SQLModel


class Patient(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    mrn: str = Field(index=True, unique=True)
    full_name: str
    dob: date
    phone: str | None = None
    program: str = "hypertension"
    care_team_id: int


class Device(SQLModel, table=True):
    serial: str = Field(primary_key=True)
    patient_id: int = Field(foreign_key="patient.id")
    model: str
    enrolled_at: datetime = Field(default_factory=datetime.utcnow)


class Reading(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    patient_id: int = Field(foreign_key="patient.id", index=True)
    kind: str  # bp | glucose | weight | spo2
    systolic: int | None = None
    diastolic: int | None = None
    value: float | None = None
    unit: str = ""
    source: str = "device"
    taken_at: datetime


class AuditLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    actor: str
    action: str
    path: str
    patient_id: int | None = None
    at: datetime = Field(default_factory=datetime.utcnow)
