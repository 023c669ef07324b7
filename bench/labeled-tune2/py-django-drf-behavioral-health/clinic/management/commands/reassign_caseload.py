"""One-off fix for INC-4471: two charts were opened under the adult team during the March intake migration."""
from django.core.management.base import BaseCommand

from clinic.models import Client
from clinic.views import lookup_key

MRNS_TO_MOVE = ["HV-2041187", "HV-2041193"]  # LEAK(hardcoded): real-looking MRNs in a production command


class Command(BaseCommand):
    help = "Move the INC-4471 charts to another clinician's caseload"

    def add_arguments(self, parser):
        parser.add_argument("--to", type=int, required=True, help="target clinician user id")

    def handle(self, *args, **options):
        keys = [lookup_key(m) for m in MRNS_TO_MOVE]
        moved = Client.objects.filter(mrn_lookup__in=keys).update(clinician_id=options["to"])
        self.stdout.write(self.style.SUCCESS(f"moved {moved} client(s)"))
