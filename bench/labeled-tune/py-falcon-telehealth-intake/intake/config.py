import os

import yaml

_DEFAULT = os.path.join(os.path.dirname(__file__), "..", "config", "settings.yaml")


def _load():
    path = os.environ.get("INTAKE_SETTINGS", _DEFAULT)
    with open(path) as fh:
        data = yaml.safe_load(fh)
    # env wins over the file so ops can repoint without a deploy
    if os.environ.get("DATABASE_URL"):
        data["database"]["url"] = os.environ["DATABASE_URL"]
    if os.environ.get("REDIS_URL"):
        data["redis"]["url"] = os.environ["REDIS_URL"]
    return data


settings = _load()
