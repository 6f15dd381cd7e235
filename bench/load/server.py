"""The site as production runs it, for a load run: gunicorn, production settings, WhiteNoise.

`serving(...)` collects the static files, starts gunicorn on a free loopback port with
newsdesk/gunicorn.conf.py, waits until it answers, and stops it (master and workers) on the way
out, also after an error or Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

PROJECT = Path(__file__).resolve().parent.parent.parent
# Workers import Django and open their connection on the first request; on a busy machine that
# alone has taken half a minute.
STARTUP_TIMEOUT = 180
PREFERRED_PORT = 8431  # see free_port
HASHED_STYLESHEET = re.compile(r"/static/newsdesk/newsdesk\.[0-9a-f]{12}\.css")


@dataclass
class Server:
    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    workers: int
    log: Path

    def cpu_seconds(self) -> float:
        """CPU time of the master and its workers, the workers already replaced included."""
        master = psutil.Process(self.process.pid)
        times = master.cpu_times()
        total = times.user + times.system + times.children_user + times.children_system
        for worker in master.children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                worker_times = worker.cpu_times()
                total += worker_times.user + worker_times.system
        return total


@contextlib.contextmanager
def serving(*, database_url: str, workers: int | None, work_dir: Path) -> Iterator[Server]:
    environment = production_environment(database_url=database_url, work_dir=work_dir)
    if workers:
        environment["WEB_CONCURRENCY"] = str(workers)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env=environment,
        check=True,
    )
    port = free_port()
    environment["NEWSDESK_BIND"] = f"127.0.0.1:{port}"
    log = work_dir / "gunicorn.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "newsdesk/gunicorn.conf.py"],
            cwd=PROJECT,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the workers are stopped with it
        )
    try:
        server = Server(
            url=f"http://127.0.0.1:{port}",
            database_url=database_url,
            process=process,
            workers=0,
            log=log,
        )
        wait_until_answering(server)
        server.workers = len(psutil.Process(process.pid).children())
        yield server
    finally:
        stop(process)


def production_environment(*, database_url: str, work_dir: Path) -> dict[str, str]:
    """DEBUG off, a throwaway key, plain HTTP on loopback, no access log (it would cost CPU the
    load generator and the server share)."""
    unset = {"DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_REPLICA_URL", "WEB_CONCURRENCY"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(work_dir / "staticfiles"),
        NEWSDESK_ACCESS_LOG="",
    )
    return environment


def free_port() -> int:
    """The same port every run when it is free: the site's address is part of what a kept page
    says (its absolute links), so a run at another address would find none that the last run
    kept, as a live site whose address never changes would."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", PREFERRED_PORT))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_answering(server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited at start:\n{tail(server.log)}")
        address = f"{server.url}/"
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(address, timeout=STARTUP_TIMEOUT) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT} s:\n{tail(server.log)}")


def check_static_files(server: Server, *, page: str) -> str:
    """Fetch the stylesheet a page links to, as a browser would; return what was seen."""
    with urllib.request.urlopen(f"{server.url}{page}", timeout=30) as response:
        html = response.read().decode()
    found = HASHED_STYLESHEET.search(html)
    if not found:
        raise RuntimeError(f"{page} links no hashed stylesheet: is the manifest storage in use?")
    request = urllib.request.Request(
        f"{server.url}{found.group()}", headers={"Accept-Encoding": "gzip"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        encoding = response.headers.get("Content-Encoding", "none")
        cache = response.headers.get("Cache-Control", "")
    return f"{found.group()} ({encoding}, Cache-Control: {cache})"


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM lets gunicorn finish requests in flight; after 30 s the group is killed."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    # A worker left behind by a master that died first.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
