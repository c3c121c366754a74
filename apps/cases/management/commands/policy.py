"""Print the case policy table (who may do what to a case, and when) as Markdown."""

from django.core.management.base import BaseCommand

from apps.cases.policy.markdown import policy_markdown


class Command(BaseCommand):
    help = "Prints the case policy table (operation × role → states) as Markdown."

    def handle(self, *args, **options):
        self.stdout.write(policy_markdown(), ending="")
