from collections.abc import Iterator

from loguru import logger
from sqlmodel import Session, create_engine, select

from .config import get_settings
from .models import Patient, Reading

engine = create_engine(get_settings().database_url, pool_pre_ping=True)


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
        yield session


class ReadingRepository:
    def __init__(self, session: Session):
        self.session = session

    def save(self, item: Reading) -> Reading:
        logger.debug("persisting {}", item)  # LEAK(logging): reading values tied to a patient in the debug log
        self.session.add(item)
        self.session.commit()
        self.session.refresh(item)
        return item

    def recent(self, patient_id: int, limit: int = 50) -> list[Reading]:
        stmt = select(Reading).where(Reading.patient_id == patient_id).order_by(Reading.taken_at.desc()).limit(limit)
        return list(self.session.exec(stmt))

    def patient(self, patient_id: int) -> Patient | None:
        return self.session.get(Patient, patient_id)
