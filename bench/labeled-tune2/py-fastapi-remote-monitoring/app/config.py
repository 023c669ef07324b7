from functools import lru_cache

from pydantic import BaseModel
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, YamlConfigSettingsSource


class MqttSettings(BaseModel):
    host: str
    port: int = 8883
    topic: str = "rpm/devices/+/readings"
    username: str = ""
    password: str = ""


class EhrSettings(BaseModel):
    base_url: str
    ca_bundle: str


class VendorSettings(BaseModel):
    base_url: str


class Thresholds(BaseModel):
    systolic_high: int = 180
    diastolic_high: int = 110
    glucose_low: int = 54
    glucose_high: int = 350


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RPM_", env_file=".env", env_nested_delimiter="__", yaml_file="config/settings.yaml")

    service_name: str = "pulsebridge-rpm"
    database_url: str
    jobstore_url: str
    jwt_secret: str = "pb-rpm-7f3a91c2e4b8d6a05f17c3e9b2d4a680"  # LEAK(crypto): signing key default committed in source
    jwt_ttl_minutes: int = 720  # LEAK(session): clinician tokens valid for twelve hours
    device_token_ttl_minutes: int = 10
    archive_key: str = ""
    pseudonym_key: str = ""
    openai_api_key: str = ""
    vendor_api_key: str = ""
    export_dir: str = "/var/lib/rpm/exports"
    mqtt: MqttSettings
    ehr: EhrSettings
    vendor_cloud: VendorSettings
    thresholds: Thresholds = Thresholds()

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, dotenv_settings, YamlConfigSettingsSource(settings_cls))


@lru_cache
def get_settings() -> Settings:
    return Settings()
