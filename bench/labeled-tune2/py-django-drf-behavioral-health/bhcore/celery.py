import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bhcore.settings")

app = Celery("bhcore")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_serializer = "json"
app.conf.accept_content = ["json"]
app.conf.task_acks_late = True
app.autodiscover_tasks()
