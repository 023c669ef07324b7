import os
import ssl

import tornado.httpserver
import tornado.ioloop
import tornado.web

from . import config, jobs
from .handlers.auth import KioskTokenHandler, LoginHandler, TabletSyncHandler, TabletTokenHandler
from .handlers.evv import EvvCheckHandler
from .handlers.patients import PatientHandler, PatientIntakeHandler, PatientLookupHandler
from .handlers.visits import VisitHandler, VisitNoteExportHandler, VisitSummaryHandler
from .repository import PatientRepository, Repository, VisitRepository


def make_app() -> tornado.web.Application:
    uri = os.environ["MONGO_URI"]
    return tornado.web.Application(
        [
            (r"/login", LoginHandler),
            (r"/tablet/token", TabletTokenHandler),
            (r"/kiosk/token", KioskTokenHandler),
            (r"/patients", PatientIntakeHandler),
            (r"/patients/lookup", PatientLookupHandler),
            (r"/patients/(?P<patient_id>[0-9a-f]{24})", PatientHandler),
            (r"/patients/(?P<patient_id>[0-9a-f]{24})/visits", VisitHandler),
            (r"/patients/(?P<patient_id>[0-9a-f]{24})/notes.csv", VisitNoteExportHandler),
            (r"/patients/(?P<patient_id>[0-9a-f]{24})/evv", EvvCheckHandler),
            (r"/visits/(?P<visit_id>[0-9a-f]{24})/summary", VisitSummaryHandler),
            (r"/sync", TabletSyncHandler),
        ],
        cookie_secret=os.environ["COOKIE_SECRET"],
        xsrf_cookies=False,
        login_url="/login",
        patients=PatientRepository(uri),
        visits=VisitRepository(uri),
        staff=Repository(uri),
        evv_cert_mode=bool(os.environ.get("EVV_CERT_MODE")),
    )


def main() -> None:
    cfg = config.load()["server"]
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2  # SAFE(transmission): server refuses anything below TLS 1.2
    ctx.load_cert_chain(cfg["certfile"], cfg["keyfile"])
    app = make_app()
    server = tornado.httpserver.HTTPServer(app, ssl_options=ctx)
    server.listen(cfg["port"])
    repo = app.settings["patients"]
    tornado.ioloop.PeriodicCallback(lambda: jobs.send_tomorrow_windows(repo), 24 * 3600 * 1000).start()
    tornado.ioloop.PeriodicCallback(lambda: jobs.export_oasis_batch(repo), 24 * 3600 * 1000).start()
    tornado.ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
