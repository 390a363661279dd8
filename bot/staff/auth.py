"""The staff token and the session cookie made from it: a signed time, never the token itself.

The token comes from XXGK_STAFF_TOKEN; the token and the signature are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from bot.settings import STAFF_TOKEN_ENV

COOKIE = "xxgk_staff"
SESSION_SECONDS = 12 * 3600
MIN_TOKEN = 16


class StaffAuth:
    """Checks the staff token and the session cookie made from it."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.enabled = len(token) >= MIN_TOKEN
        self.reason = (f"工作人员页面未开启：没有设置环境变量 {STAFF_TOKEN_ENV}。" if not token else
                       f"工作人员页面未开启：{STAFF_TOKEN_ENV} 太短（至少 {MIN_TOKEN} 个字符）。")

    def accepts(self, given: str) -> bool:
        return self.enabled and hmac.compare_digest(given.encode(), self.token.encode())

    def _sign(self, issued: str) -> str:
        return hmac.new(self.token.encode(), f"xxgk-staff:{issued}".encode(), hashlib.sha256).hexdigest()

    def session(self, now: float | None = None) -> str:
        issued = str(int(time.time() if now is None else now))
        return f"{issued}.{self._sign(issued)}"

    def valid(self, cookie: str, now: float | None = None) -> bool:
        issued, _, signature = cookie.partition(".")
        if not (self.enabled and issued.isdigit() and signature):
            return False
        if not hmac.compare_digest(signature.encode(), self._sign(issued).encode()):
            return False
        return 0 <= (time.time() if now is None else now) - int(issued) < SESSION_SECONDS
