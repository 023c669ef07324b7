import os
from functools import lru_cache

import yaml

CONFIG_PATH = os.environ.get("RIVERBEND_CONFIG", os.path.join(os.path.dirname(__file__), "..", "config", "settings.yaml"))


@lru_cache(maxsize=1)
def load() -> dict:
    with open(CONFIG_PATH) as fh:
        return yaml.safe_load(fh)


def env(name_key: str, section: str) -> str:
    return os.environ[load()[section][name_key]]
