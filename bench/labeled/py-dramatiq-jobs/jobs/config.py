import os
from pathlib import Path

import yaml
from dotenv import load_dotenv

load_dotenv()

_raw = yaml.safe_load(Path(os.getenv("SYNC_CONFIG", "config/settings.yaml")).read_text())


def get(path: str, default=None):
    cur = _raw
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return default
        cur = cur[part]
    return cur


DATABASE_URL = os.environ["DATABASE_URL"]
AUDIT_DATABASE_URL = os.environ["AUDIT_DATABASE_URL"]
PSEUDONYM_KEY = os.environ["PSEUDONYM_KEY"].encode()
