import os

import yaml

_cache: dict | None = None


def load(path: str | None = None) -> dict:
    global _cache
    if _cache is None:
        with open(path or os.environ.get("OTP_CONFIG", "config/otp.yaml")) as fh:
            _cache = yaml.safe_load(fh)
    return _cache


def secret(name: str) -> str:
    env_name = load()["security"][name]
    return os.environ[env_name]
