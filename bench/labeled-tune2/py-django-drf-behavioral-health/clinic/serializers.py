from rest_framework import serializers

from .models import Client, SessionNote


class ClientSerializer(serializers.ModelSerializer):
    ssn = serializers.SerializerMethodField()
    clinician_name = serializers.CharField(source="clinician.get_full_name", read_only=True)

    class Meta:
        model = Client
        fields = ["id", "mrn", "legal_name", "date_of_birth", "ssn", "member_id", "phone", "clinician_name"]

    def get_ssn(self, obj):
        return f"***-**-{obj.ssn[-4:]}" if obj.ssn else ""  # SAFE(exposure): only the last four digits leave the API


class SessionNoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionNote
        fields = ["id", "body", "risk_level", "created_at"]
        read_only_fields = ["id", "created_at"]
