import structlog
from django.conf import settings
from django.db import models
from encrypted_model_fields.fields import EncryptedCharField, EncryptedDateField, EncryptedTextField

log = structlog.get_logger(__name__)

RISK_CHOICES = [("none", "None"), ("low", "Low"), ("moderate", "Moderate"), ("high", "High")]


class Client(models.Model):
    """A person receiving services ("client" is the behavioral-health word for patient)."""

    mrn = EncryptedCharField(max_length=20)
    mrn_lookup = models.CharField(max_length=64, unique=True)  # SAFE(storage): keyed HMAC of the MRN, used for lookups
    legal_name = EncryptedCharField(max_length=200)
    date_of_birth = EncryptedDateField()
    ssn = EncryptedCharField(max_length=11, blank=True)
    member_id = EncryptedCharField(max_length=24, blank=True)
    phone = models.CharField(max_length=20, blank=True)  # LEAK(storage): plaintext phone in a model that encrypts the other identifiers
    clinician = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="caseload")
    created_at = models.DateTimeField(auto_now_add=True)


class SessionNote(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="notes")
    risk_level = models.CharField(max_length=10, choices=RISK_CHOICES, default="none")  # LEAK(storage): suicide-risk rating kept in plaintext next to the encrypted note
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    body = EncryptedTextField()  # SAFE(storage): note text encrypted at rest

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        log.info("session_note.saved", note_id=self.pk, client=self.client.legal_name, risk=self.risk_level)  # LEAK(logging): client name and risk rating from the ORM save hook


class AuditEvent(models.Model):
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=32)
    object_id = models.CharField(max_length=32, blank=True)
    status_code = models.PositiveSmallIntegerField()
    ip = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True)
