"""Run N uvicorn worker processes, each with its own listening socket on the same port (SO_REUSEPORT).

uvicorn's own `workers=N` shares one socket: whichever worker wakes first accepts a whole burst of
connections, and keep-alive connections stay where they were accepted (measured: 71 and 129 of 200
connections, the busier worker's clients waiting 1.7 times as long). With SO_REUSEPORT the kernel
spreads new connections evenly over the workers' sockets. A worker that dies is started again;
SIGINT or SIGTERM stops them all, and a worker whose master is gone (killed with -9, say) stops by itself.

SO_REUSEPORT also lets a second server bind beside a running one without a word (the kernel then splits the
connections between them), so a server first makes sure no socket listens on its port.
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import threading
import time
from multiprocessing.process import BaseProcess
from typing import Any

import uvicorn

from xxgk_errors import PortInUse

log = logging.getLogger(__name__)
APP = "bot.web.workers:app"
QUICK_DEATH_SECONDS = 5.0
# How long a worker whose master is gone may take to finish the requests it holds before it exits regardless.
ORPHAN_GRACE_SECONDS = 5.0


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


def refuse_port_in_use(host: str, port: int) -> None:
    """Raise PortInUse when a socket already listens on the port (another server of ours, say)."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Without SO_REUSEPORT this bind fails beside any listening socket; SO_REUSEADDR lets it pass beside
        # connections of a server that has stopped (TIME_WAIT).
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(f"端口 {host}:{port} 已有服务在监听（可能是本项目的另一个 serve 仍在运行）："
                                "请先停掉它，或用 --port 换一个端口") from None
            raise


def _exit_with_master() -> None:
    """Stop this worker when the process that started it is gone: uvicorn's own shutdown, then exit regardless."""
    master = multiprocessing.parent_process()
    if master is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([master.sentinel])  # readable when the master's end of the pipe closes
        log.warning("the master process %s is gone; worker %s stops", master.pid, os.getpid())
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(ORPHAN_GRACE_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="master-watch", daemon=True).start()


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    """One worker process: its own socket, one uvicorn server, the application built in this process."""
    _exit_with_master()
    sock = _listen(host, port)
    config = uvicorn.Config(APP, factory=True, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(host: str, port: int, workers: int, options: dict[str, Any]) -> int:
    """Start the workers and keep them running until a signal; the exit code for the command."""
    context = multiprocessing.get_context("spawn")
    stop = threading.Event()

    def start() -> tuple[BaseProcess, float]:
        process = context.Process(target=_worker, args=(host, port, options), name="xxgk-web")
        process.start()
        return process, time.monotonic()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    running = [start() for _ in range(workers)]
    log.info("serving on http://%s:%d with %d workers (SO_REUSEPORT)", host, port, workers)
    code = 0
    while not stop.wait(0.5):
        for index, (process, started) in enumerate(running):
            if process.is_alive():
                continue
            if time.monotonic() - started < QUICK_DEATH_SECONDS:
                log.error("a worker stopped right after starting (exit code %s); stopping", process.exitcode)
                stop.set()
                code = 3
                break
            log.warning("worker %s stopped (exit code %s); starting another", process.pid, process.exitcode)
            running[index] = start()
    for process, _ in running:
        process.terminate()
    for process, _ in running:
        process.join(timeout=15)
    return code
