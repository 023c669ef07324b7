"""Loads config/settings.yaml plus secrets from the environment."""
from __future__ import annotations

import logging.config
import os
from functools import lru_cache
from pathlib import Path

import yaml

CONFIG_PATH = Path(os.environ.get("PBM_CONFIG", Path(__file__).resolve().parent.parent / "config" / "settings.yaml"))


@lru_cache
def settings() -> dict:
    with open(CONFIG_PATH) as fh:
        data = yaml.safe_load(fh)
    data["secrets"] = {
        "db_password": os.environ["PBM_DB_PASSWORD"],
        "field_key": bytes.fromhex(os.environ["PBM_FIELD_KEY_HEX"]),
        "jwt_public_key": os.environ["PBM_JWT_PUBLIC_KEY"],
        "jwt_private_key": os.environ.get("PBM_JWT_PRIVATE_KEY", ""),
        "mailgun_key": os.environ.get("MAILGUN_API_KEY", ""),
        "braze_key": os.environ.get("BRAZE_API_KEY", ""),
        "mistral_key": os.environ.get("MISTRAL_API_KEY", ""),
        "honeybadger_key": os.environ.get("HONEYBADGER_API_KEY", ""),
        "switch_partner_secret": os.environ.get("SWITCH_PARTNER_SECRET", ""),
    }
    return data


def configure_logging() -> None:
    logging.config.dictConfig(settings()["logging"])
