import json
import os
from functools import lru_cache


@lru_cache
def load_config() -> dict:
    with open(os.environ.get("APP_CONFIG", "config/app.json")) as fh:
        return json.load(fh)
