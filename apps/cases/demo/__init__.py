"""Demo cases (synthetic people only): every state, several kecamatan and agencies, deadlines
running, due soon and missed relative to today.

Each case is logged and walked through the real services (``case_create``, ``case_assign``,
``evidence_add_*``, ``case_transition``, ``followup_record``) with the clock set to the moment each
step "happened", so the timeline, the register numbers, the stored deadlines and the states agree
with each other. A case is recognised by its chronology: a second run adds nothing.
"""

from apps.cases.demo.scenarios import CASES
from apps.cases.demo.steps import REPORTERS
from apps.cases.demo.walk import seed_demo_cases

__all__ = ["CASES", "REPORTERS", "seed_demo_cases"]
