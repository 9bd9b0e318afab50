"""`make bench-load`: mixed journeys against the portal (run by bench/load.py, which
starts gunicorn and passes the bench's accounts and URLs in BENCH_LOAD_PLAN).

Public visitors browse and search in Arabic, English and French; focal points sign in
and edit their city; hub staff answer requests; Management Unit staff open the
engagement dashboard. Staff sign in with two-factor authentication like a person: the
password, then a TOTP code computed from the bench accounts' secret.

Each simulated person connects from an address of its own in 127.0.0.0/8, as different
visitors would, so the per-address login rate limit applies to each, not to all.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import struct
import sys
import time
from pathlib import Path

from locust import HttpUser, between, task
from requests.adapters import HTTPAdapter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from htmlforms import form_fields, replace  # noqa: E402

PLAN = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
BASELINE = os.environ.get("BENCH_LOAD_BASELINE") == "1"
LANGUAGES = ("ar", "en", "fr")
_addresses = itertools.count(2)
_accounts = {
    role: itertools.cycle([a for a in PLAN["accounts"] if a["role"] == role])
    for role in ("focal", "hub_staff", "staff")
}


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238, 30-second steps, 6 digits (what authenticator apps compute)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Person(HttpUser):
    abstract = True
    wait_time = between(2, 4) if BASELINE else between(1, 5)

    def on_start(self):
        n = next(_addresses)
        address = f"127.0.{n // 250 % 250}.{n % 250 + 2}"
        self.client.mount("http://", SourceAddressAdapter(address))
        # A connection per request, as nginx in front of each node opens them
        # (docker/nginx.conf): a kept-alive connection that gunicorn closes after 2 s
        # idle, just as a person sends their next step, would fail for the bench's sake.
        self.client.headers["Connection"] = "close"

    def _keep_cookies(self):
        """The portal sets Secure cookies (production settings) and this is plain HTTP
        on loopback: keep sending them, as a browser does for https."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def page(self, url: str, name: str, **kwargs):
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            self._keep_cookies()
            if not response.status_code:  # no answer at all (refused, reset, timed out)
                response.failure(f"no response: {response.error}")
            elif response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
            elif "/accounts/login/" in response.url and "/accounts/login/" not in url:
                response.failure("signed out: sent to the login page")
            return response

    def submit(self, url: str, fields, name: str):
        with self.client.post(
            url, data=fields, name=name, allow_redirects=False, catch_response=True
        ) as response:
            self._keep_cookies()
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code} (expected a redirect)")
            return response

    def sign_in(self, account: dict, lang: str = "en"):
        login = f"/{lang}/accounts/login/"
        fields = form_fields(self.page(login, "sign in (form)").text, "login") or []
        fields = replace(replace(fields, "login", account["email"]), "password", PLAN["password"])
        response = self.submit(login, fields, "sign in (password)")
        if response.headers.get("Location", "").endswith("/accounts/2fa/authenticate/"):
            step = response.headers["Location"]
            fields = form_fields(self.page(step, "sign in (two-factor form)").text, "code") or []
            self.submit(step, replace(fields, "code", totp(PLAN["totp_secret"])), "sign in (code)")


class PublicVisitor(Person):
    """Browses and searches in one of the three languages."""

    weight = 70
    fixed_count = 1 if BASELINE else 0

    def on_start(self):
        super().on_start()
        self.lang = random.choice(LANGUAGES)

    @task(3)
    def home(self):
        self.page(f"/{self.lang}/", "home")

    @task(3)
    def directory_and_city(self):
        self.page(f"/{self.lang}/members/", "directory")
        self.page(f"/{self.lang}{random.choice(PLAN['cities'])}", "city page")

    @task(3)
    def resources(self):
        self.page(f"/{self.lang}/resources/", "resource list")
        slugs = PLAN["resources"][self.lang]
        if slugs:
            self.page(f"/{self.lang}/resources/{random.choice(slugs)}/", "resource detail")

    @task(3)
    def search(self):
        query = random.choice(PLAN["searches"][self.lang])
        self.page(f"/{self.lang}/resources/", "resource search", params={"q": query})

    @task(2)
    def calendar(self):
        self.page(f"/{self.lang}/events/", "calendar")
        if PLAN["events"]:
            self.page(f"/{self.lang}/events/{random.choice(PLAN['events'])}/", "event page")

    @task(1)
    def hub(self):
        self.page(f"/{self.lang}/hubs/{random.choice(PLAN['hubs'])}/", "hub page")

    def every_page(self):
        """The unloaded run's visitor: every page in turn, so that each has a median (a
        random pick skipped the hub page in one run)."""
        for visit in (self.home, self.directory_and_city, self.resources, self.search):
            visit()
        self.calendar()
        self.hub()


if BASELINE:
    PublicVisitor.tasks = [PublicVisitor.every_page]


class FocalPoint(Person):
    """Signs in, opens My city and saves a change to its summary."""

    weight = 15
    fixed_count = 1 if BASELINE else 0

    def on_start(self):
        super().on_start()
        self.account = next(_accounts["focal"])
        self.lang = self.account["edit"][1:3]
        self.sign_in(self.account, self.lang)

    @task
    def edit_city(self):
        url = self.account["edit"]
        fields = form_fields(self.page(url, "My city (form)").text, "version")
        if fields is None:
            return
        fields = replace(fields, f"summary_{self.lang}", f"Updated by the load test {time.time()}")
        self.submit(url, fields, "My city (save)")


class HubStaff(Person):
    """Opens the queue and answers a request."""

    weight = 10
    fixed_count = 1 if BASELINE else 0

    def on_start(self):
        super().on_start()
        self.sign_in(next(_accounts["hub_staff"]))

    @task(3)
    def queue(self):
        self.page("/en/helpdesk/", "helpdesk queue")

    @task(1)
    def answer(self):
        if not PLAN["tickets"]:
            return
        url = f"/en/helpdesk/{random.choice(PLAN['tickets'])}/"
        fields = form_fields(self.page(url, "helpdesk request").text, "body")
        if fields is None:
            return
        fields = replace(fields, "body", "Thank you: we will call you this week.")
        fields = replace(fields, "visibility", "internal")  # no email to the city
        self.submit(url, fields, "helpdesk reply")


class Staff(Person):
    """Management Unit staff on the engagement dashboard."""

    weight = 5
    fixed_count = 1 if BASELINE else 0

    def on_start(self):
        super().on_start()
        self.sign_in(next(_accounts["staff"]))

    @task
    def dashboard(self):
        self.page("/en/dashboard/engagement/", "engagement dashboard")
