from peewee import DatabaseProxy
from playhouse.pool import PooledPostgresqlExtDatabase

database = DatabaseProxy()


def connect(cfg: dict) -> None:
    db = PooledPostgresqlExtDatabase(
        cfg["name"],
        host=cfg["host"],
        user=cfg["user"],
        sslmode=cfg.get("sslmode", "verify-full"),
        max_connections=20,
        stale_timeout=300,
    )
    database.initialize(db)


def tween_factory(handler, registry):
    def db_tween(request):
        database.connect(reuse_if_open=True)
        try:
            return handler(request)
        finally:
            if not database.is_closed():
                database.close()

    return db_tween
