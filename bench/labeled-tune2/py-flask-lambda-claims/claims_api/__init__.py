from flask import Flask

from .config import load_config
from .logging_setup import configure_logging


def create_app() -> Flask:
    configure_logging()
    app = Flask(__name__)
    app.config["CB"] = load_config()
    from .routes import claims_bp

    app.register_blueprint(claims_bp, url_prefix="/v1")
    return app
