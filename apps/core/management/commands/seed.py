from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from apps.core.seeds import describe_demo_accounts


def seed_modules():
    """Each project app's ``seeds`` module, in INSTALLED_APPS order (reference data first)."""
    for config in apps.get_app_configs():
        if config.name.startswith("apps.") and find_spec(f"{config.name}.seeds"):
            yield import_module(f"{config.name}.seeds")


class Command(BaseCommand):
    help = "Memuat data referensi (wilayah, perangkat daerah, ...); --demo menambah data demo."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="tambahkan akun dan data demo")

    def handle(self, *args, demo=False, **options):
        log = self.stdout.write
        modules = list(seed_modules())
        for module in modules:
            if hasattr(module, "seed_reference"):
                module.seed_reference(log=log)
        if demo:
            for module in modules:
                if hasattr(module, "seed_demo"):
                    module.seed_demo(log=log)
            log(describe_demo_accounts())
