"""Several web nodes behind one balancer, as docker-compose.yml runs them: two gunicorn
nodes on different ports behind a local nginx (Debian's package), sharing PostgreSQL,
Redis (cache and broker) and the media directory, with one Celery worker.

Sign-in, uploads, the anonymous page cache and tasks must not care which node a
request reaches."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.db import connection
from django.utils import translation
from PIL import Image

from bench.htmlforms import form_fields, replace
from hubs.models import HelpdeskNotification
from members.models import City
from tests.celery_worker import database_url_of_test_db, wait_for, worker_command
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import (
    CityFactory,
    FocalPointFactory,
    HubStaffFactory,
    UserFactory,
    enable_mfa,
)

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


NGINX_CONF = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 128; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    types {{ image/png png; }}
    default_type application/octet-stream;
    client_max_body_size 20m;
    upstream portal {{
        server 127.0.0.1:{node_a};
        server 127.0.0.1:{node_b};
    }}
    server {{
        listen 127.0.0.1:{port};
        location /media/ {{ alias {media}/; }}
        location / {{
            proxy_pass http://portal;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Cluster:
    def __init__(self, node_a: int, node_b: int, balancer: int, tmp: Path):
        self.ports = {"a": node_a, "b": node_b, "nginx": balancer}
        self.mail_dir = tmp / "mail"
        self.worker_log = tmp / "worker.log"


def _start(command, env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def _answers(port: int, path: str = "/healthz") -> bool:
    try:
        conn = HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        return conn.getresponse().status == 200
    except OSError:
        return False


@pytest.fixture
def cluster(settings, tmp_path):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis (make test provides both)")
    if NGINX is None:
        pytest.skip("needs nginx (apt-get install nginx; .ci/run installs it)")
    # passwords the nodes can check (the suite's fast MD5 hasher is not in their settings)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    # this process writes content too (the factories): it shares the nodes' cache, so its
    # writes move the page cache's generation on as any node's would
    settings.CACHES = {
        "default": {
            "BACKEND": "strongcities.cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }
    media = tmp_path / "media"
    media.mkdir()
    node_a, node_b, balancer = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_db(),
        "REDIS_URL": settings.REDIS_URL,
        # one shared cache: the anonymous page cache and its generation counter
        "CACHE_URL": settings.REDIS_URL,
        "CELERY_QUEUE": f"multinode-{uuid.uuid4().hex[:8]}",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "EMAIL_URL": f"file://{tmp_path / 'mail'}",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUSTED_PROXY_COUNT": "1",
        "PYTHONUNBUFFERED": "1",
    }
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    processes = [
        _start(
            [
                gunicorn,
                "strongcities.wsgi:application",
                *("--workers=1", "--worker-class=gthread", "--threads=4"),  # as in production
                f"--bind=127.0.0.1:{p}",
            ],
            env,
            tmp_path / f"node-{p}.log",
        )
        for p in (node_a, node_b)
    ]
    processes.append(
        _start(
            worker_command(env["CELERY_QUEUE"], loglevel="INFO"),
            env,
            tmp_path / "worker.log",
        )
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            tmp=tmp_path,
            node_a=node_a,
            node_b=node_b,
            port=balancer,
            media=media,
        )
    )
    processes.append(
        _start(
            [NGINX, "-c", str(conf), "-p", str(tmp_path), "-g", "daemon off;"],
            env,
            tmp_path / "nginx.log",
        )
    )
    try:
        for port in (node_a, node_b, balancer):
            assert wait_for(lambda port=port: _answers(port), timeout=60), (
                f"port {port} did not answer: "
                + "".join(log.read_text()[-2000:] for log in tmp_path.glob("*.log"))
            )
        yield Cluster(node_a, node_b, balancer, tmp_path)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- a tiny browser: its cookies go with it to whichever node it reaches --------------


class Visitor:
    """One person: their cookies go with them to whichever node they reach."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.cookies: dict[str, str] = {}

    def request(self, node: str, method: str, path: str, body=b"", headers=None):
        conn = HTTPConnection("127.0.0.1", self.cluster.ports[node], timeout=30)
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.body = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response

    def get(self, node: str, path: str):
        return self.request(node, "GET", path)

    def form(self, node: str, path: str, containing: str) -> list[tuple[str, str]]:
        response = self.get(node, path)
        assert response.status == 200, (path, response.status)
        fields = form_fields(response.body.decode(), containing)
        assert fields is not None, f"no form with {containing} on {path}"
        return fields

    def post(self, node: str, path: str, fields, files=None):
        if files:
            boundary = uuid.uuid4().hex
            body = io.BytesIO()
            for name, value in fields:
                body.write(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content, content_type) in files.items():
                body.write(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body.write(f"--{boundary}--\r\n".encode())
            payload = body.getvalue()
            content_type = f"multipart/form-data; boundary={boundary}"
        else:
            payload = urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.request(node, "POST", path, payload, {"Content-Type": content_type})

    def sign_in(self, node: str, email: str, password: str):
        fields = [
            (k, v) for k, v in self.form(node, "/en/accounts/login/", "login") if k != "login"
        ]
        return self.post(
            node, "/en/accounts/login/", [*fields, ("login", email), ("password", password)]
        )


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


# --- the tests -----------------------------------------------------------------------


def test_the_balancer_spreads_requests_over_both_nodes(cluster):
    visitor = Visitor(cluster)
    upstreams = {visitor.get("nginx", "/healthz").getheader("X-Upstream") for _ in range(6)}
    assert upstreams == {f"127.0.0.1:{cluster.ports['a']}", f"127.0.0.1:{cluster.ports['b']}"}


def test_staff_sign_in_on_one_node_and_finish_two_factor_on_the_other(cluster):
    from strongcities.services import make_management_unit_staff

    staff = UserFactory(is_management_unit=True, is_staff=True)
    make_management_unit_staff(staff)
    secret = enable_mfa(staff)
    visitor = Visitor(cluster)
    response = visitor.sign_in("a", staff.email, FACTORY_PASSWORD)
    assert response.status == 302, re.findall(r"errorlist.{0,300}", response.body.decode())
    assert response.getheader("Location") == "/en/accounts/2fa/authenticate/"
    # the half-finished sign-in lives in the shared session store, not in node A
    fields = visitor.form("b", "/en/accounts/2fa/authenticate/", "code")
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = visitor.post("b", "/en/accounts/2fa/authenticate/", replace(fields, "code", code))
    assert response.status == 302, response.body[:2000]
    assert visitor.get("a", "/en/dashboard/engagement/").status == 200
    assert visitor.get("b", "/en/dashboard/engagement/").status == 200
    # signing out on one node ends the session on every node
    fields = visitor.form("b", "/en/accounts/logout/", "csrfmiddlewaretoken")
    assert visitor.post("b", "/en/accounts/logout/", fields).status == 302
    assert visitor.get("a", "/en/dashboard/engagement/").status == 302


def test_upload_and_content_change_on_one_node_show_on_the_other_at_once(cluster):
    city = CityFactory(summary_en="Before the change.")
    focal = FocalPointFactory(city=city).user
    with translation.override("en"):
        path = city.get_absolute_url()
    anonymous = Visitor(cluster)
    for node in ("b", "b"):  # the second answer comes from the shared page cache
        page = anonymous.get(node, path)
        assert "Before the change." in page.body.decode()
    assert page.getheader("X-Page-Cache") == "hit"

    editor = Visitor(cluster)
    assert editor.sign_in("a", focal.email, FACTORY_PASSWORD).status == 302
    fields = editor.form("a", f"{path}edit/", "version")
    fields = replace(fields, "summary_en", "After the change, saved on node A.")
    response = editor.post(
        "a", f"{path}edit/", fields, files={"logo": ("logo.png", png_bytes(), "image/png")}
    )
    assert response.status == 302, response.body.decode()[-3000:]

    # node B shows the change at once: the page cache's generation is shared
    page = anonymous.get("b", path)
    body = page.body.decode()
    assert "After the change, saved on node A." in body
    assert page.getheader("X-Page-Cache") == "miss"
    # the logo node A stored is on the shared volume, served to anyone through the balancer
    logo_url = re.search(r'<img src="(/media/[^"]+)"[^>]*class="city-logo"', body).group(1)
    assert logo_url == City.objects.get(pk=city.pk).logo.url
    logo = anonymous.get("nginx", logo_url)
    assert logo.status == 200
    assert logo.body == Path(City.objects.get(pk=city.pk).logo.path).read_bytes()


def test_a_task_queued_from_either_node_runs_once(cluster):
    hub_staff = HubStaffFactory()
    city = CityFactory(hub=hub_staff.hub)
    focal = FocalPointFactory(city=city).user
    visitor = Visitor(cluster)
    assert visitor.sign_in("a", focal.email, FACTORY_PASSWORD).status == 302
    subjects = []
    for node in ("a", "b"):  # one request opened through each node
        subject = f"Opened through node {node.upper()}"
        fields = visitor.form(node, "/en/helpdesk/new/", "subject")
        for name, value in (
            ("subject", subject),
            ("description", "Please call us back."),
            ("city", str(city.pk)),
            ("category", "other"),
        ):
            fields = replace(fields, name, value)
        response = visitor.post(node, "/en/helpdesk/new/", fields)
        assert response.status == 302, response.body.decode()[-3000:]
        subjects.append(subject)

    def mail() -> str:
        return "".join(f.read_text() for f in cluster.mail_dir.glob("*.log"))

    notifications = HelpdeskNotification.objects.filter(ticket__subject__in=subjects)
    assert wait_for(
        lambda: notifications.count() == 2 and not notifications.filter(sent_at=None).exists(),
        timeout=60,
    ), cluster.worker_log.read_text()[-3000:]
    time.sleep(2)  # a duplicate would run now
    # the worker took each task once, and the hub staff got one email per request
    log = cluster.worker_log.read_text()
    received = re.findall(r"Task hubs\.tasks\.send_helpdesk_notification\[([\w-]+)\] received", log)
    assert len(received) == len(set(received)) == 2, log[-3000:]
    assert mail().count(f"To: {hub_staff.user.email}") == 2
