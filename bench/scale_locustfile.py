"""Locust users for bench/scale.py (not run on its own): a mixed load on one or more instances.

``SCALE_STATE`` is a JSON file written by bench/scale.py: the instances' base URLs, the API tokens,
the cases waiting to be registered, the session and its check-in codes. Each request goes to the
next instance in turn, as a load balancer would. The outcome of every write is counted and
written to ``SCALE_OUTCOMES`` when the run stops, for scale.py to compare with the database.
"""

import itertools
import json
import os
import random
from collections import Counter
from pathlib import Path

from locust import HttpUser, between, events, task

STATE = json.loads(Path(os.environ["SCALE_STATE"]).read_text())
HOSTS = itertools.cycle(STATE["hosts"])
OUTCOMES: Counter = Counter()
# Every request looks like one that came through the HTTPS proxy.
PROXY = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.23"}


@events.test_stop.add_listener
def write_outcomes(environment, **kwargs):
    Path(os.environ["SCALE_OUTCOMES"]).write_text(json.dumps(dict(OUTCOMES)))


class Office(HttpUser):
    wait_time = between(0.05, 0.2)
    host = STATE["hosts"][0]

    def headers(self, role: str) -> dict:
        return {**PROXY, "Authorization": f"Token {STATE['tokens'][role]}"}

    def url(self, path: str) -> str:
        return next(HOSTS) + path

    @task(6)
    def case_list(self):
        self.client.get(
            self.url("/api/v1/cases/?page_size=50"), headers=self.headers("coordinator"),
            name="case list",
        )  # fmt: skip

    @task(3)
    def register(self):
        # Cases are drawn at random, so two users sometimes register the same one at once: one
        # of them must get 409 and the case exactly one number and one event.
        case_id = random.choice(STATE["cases_to_register"])
        with self.client.post(
            self.url(f"/api/v1/cases/{case_id}/transitions/"),
            json={"action": "register"},
            headers=self.headers("coordinator"),
            name="register",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                OUTCOMES["register_ok"] += 1
            elif response.status_code == 409:
                OUTCOMES["register_conflict"] += 1
                response.success()
            else:
                OUTCOMES[f"register_{response.status_code}"] += 1

    @task(6)
    def check_in(self):
        code = random.choice(STATE["codes"])
        with self.client.post(
            self.url(f"/api/v1/training/sessions/{STATE['session']}/check-in/"),
            json={"code": code},
            headers=self.headers("clerk"),
            name="check-in",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                OUTCOMES[response.json()["status"]] += 1
            else:
                OUTCOMES[f"check_in_{response.status_code}"] += 1

    @task(1)
    def export(self):
        # More rows than NETRAL_EXPORT_ASYNC_ROWS: a background job for one of the workers.
        with self.client.get(
            self.url("/api/v1/cases/?format=csv"),
            headers=self.headers("coordinator"),
            name="export (job)",
            catch_response=True,
        ) as response:
            if response.status_code == 202:
                OUTCOMES["export_jobs"] += 1
            else:
                OUTCOMES[f"export_{response.status_code}"] += 1
