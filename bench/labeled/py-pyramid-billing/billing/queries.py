from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker
import zope.sqlalchemy

CLAIM_SQL = text(
    """
    SELECT c.id AS claim_id, c.claim_no, c.member_id, p.first_name, p.last_name, p.dob,
           c.dos, c.cpt, c.icd10, c.billed, c.paid, c.status
    FROM claims c JOIN patients p ON p.id = c.patient_id
    """
)


def includeme(config):
    engine = create_engine(config.registry.settings["sqlalchemy.url"], pool_pre_ping=True)
    factory = sessionmaker(bind=engine)
    config.registry.dbmaker = factory

    def dbsession(request):
        session = factory()
        zope.sqlalchemy.register(session, transaction_manager=request.tm)
        return session

    config.add_request_method(dbsession, "dbsession", reify=True)


def load_claim(db, claim_id):
    row = db.execute(text(f"{CLAIM_SQL.text} WHERE c.id = :id"), {"id": claim_id}).mappings().first()
    if row is None:
        raise KeyError(f"claim {claim_id} not found")
    return {**row, "patient_name": f"{row['last_name']}, {row['first_name']}"}


def claims_for_member(db, member_id):
    return [dict(r) for r in db.execute(text(f"{CLAIM_SQL.text} WHERE c.member_id = :m"), {"m": member_id}).mappings()]


def claims_since(db, since):
    return [dict(r) for r in db.execute(text(f"{CLAIM_SQL.text} WHERE c.dos >= :d"), {"d": since}).mappings()]


def update_claim_payment(db, claim_id, paid, status):
    db.execute(text("UPDATE claims SET paid = :p, status = :s WHERE id = :id"), {"p": paid, "s": status, "id": claim_id})
