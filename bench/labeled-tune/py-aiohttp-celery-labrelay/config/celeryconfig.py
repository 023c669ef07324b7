import os

broker_url = os.environ["CELERY_BROKER_URL"]
result_backend = os.environ.get("CELERY_RESULT_BACKEND")
task_serializer = "json"
accept_content = ["json"]
result_expires = 3600
task_acks_late = True
worker_prefetch_multiplier = 4
task_routes = {
    "labrelay.tasks.push_to_ehr": {"queue": "ehr"},
    "labrelay.tasks.notify_patient": {"queue": "notify"},
}
beat_schedule = {
    "nightly-export": {"task": "labrelay.tasks.nightly_export", "schedule": 60 * 60 * 24},
}
