"""The staff routes: report pages, adding reports, the feedback list and its states, teaching (bot/staff/teaching.py);
behind XXGK_STAFF_TOKEN.

Without the token in the environment the pages are off and say how to turn them on. Logging in sets a
cookie (HttpOnly, SameSite=Strict) holding a signed time, not the token (bot/staff/auth.py).
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from bot.markup import page_response
from bot.settings import staff_token
from bot.staff import pages
from bot.staff.answer_pages import entry_page
from bot.staff.auth import COOKIE, SESSION_SECONDS, StaffAuth
from bot.staff.correction_forms import Aim
from bot.staff.teaching import teach_routes
from knowledge.config import load_settings
from knowledge.ingest import Upload, UploadLimits
from knowledge.staff import FeedbackSource, ReportFilter, StaffService
from xxgk_errors import CorrectionError

__all__ = ["COOKIE", "SESSION_SECONDS", "StaffAuth", "staff_routes"]

Handler = Callable[[Request], Awaitable[Response]]
# A count shared by every worker and machine (Service.hits: key, window in seconds, how many to add).
Hits = Callable[[str, float, int], tuple[int, float]]
# Login attempts one client may make in a window; then the login answers 429 until the window ends.
LOGIN_ATTEMPTS = 10
LOGIN_WINDOW_SECONDS = 15 * 60


def _same_origin(request: Request) -> bool:
    """A POST from another site is refused even before the SameSite cookie would be (defence in depth)."""
    origin = request.headers.get("origin")
    return not origin or urlsplit(origin).netloc == request.headers.get("host", "")


class StaffPages:
    """The route handlers; blocking work (SQLite, parsing) runs in threads off the event loop."""

    def __init__(self, auth: StaffAuth, service: StaffService, hits: Hits | None = None) -> None:
        self.auth = auth
        self.service = service
        self.hits = hits

    def guarded(self, handler: Handler) -> Handler:
        """The handler behind the checks: pages on, a valid session, a POST from this site."""
        async def route(request: Request) -> Response:
            if not self.auth.enabled:
                return page_response(lambda n: pages.off_page(n, self.auth.reason), 503)
            if not self.auth.valid(request.cookies.get(COOKIE, "")):
                if request.method != "GET":
                    return JSONResponse({"error": "请先登录工作人员页面"}, status_code=401)
                return RedirectResponse("/staff/login", status_code=303)
            if request.method == "POST" and not _same_origin(request):
                return JSONResponse({"error": "请求来源不对"}, status_code=403)
            return await handler(request)
        return route

    async def login(self, request: Request) -> Response:
        """GET: the form; POST: the token checked, the session cookie set."""
        if not self.auth.enabled:
            return page_response(lambda n: pages.off_page(n, self.auth.reason), 503)
        if request.method == "GET":
            return page_response(pages.login_page)
        if not _same_origin(request):
            return page_response(lambda n: pages.login_page(n, "请求来源不对"), 403)
        refused = await self._over_limit(request)
        if refused is not None:
            return refused
        try:
            form = await request.form(max_files=0, max_fields=4, max_part_size=4096)
        except HTTPException:
            return page_response(lambda n: pages.login_page(n, "登录表单无法读取"), 400)
        token = form.get("token")
        if not isinstance(token, str) or not self.auth.accepts(token):
            await asyncio.sleep(0.5)  # slows guessing a little; the token's length does the rest
            return page_response(lambda n: pages.login_page(n, "令牌不对"), 403)
        response = RedirectResponse("/staff", status_code=303)
        response.set_cookie(COOKIE, self.auth.session(), max_age=SESSION_SECONDS, path="/staff", httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")
        return response

    async def _over_limit(self, request: Request) -> Response | None:
        """Count this attempt of the client (in the state store, so every worker counts it): past the limit,
        429 with Retry-After. Counted before the token is looked at, so parallel guesses cannot slip past."""
        if self.hits is None:
            return None
        client = request.client.host if request.client else ""
        count, left = await run_in_threadpool(self.hits, f"staff-login:{client}", LOGIN_WINDOW_SECONDS, 1)
        if count <= LOGIN_ATTEMPTS:
            return None
        wait = max(1, math.ceil(left))
        message = f"登录尝试过多，请 {math.ceil(wait / 60)} 分钟后再试"
        response = page_response(lambda n: pages.login_page(n, message), 429)
        response.headers["Retry-After"] = str(wait)
        return response

    async def logout(self, request: Request) -> Response:
        if not _same_origin(request):
            return JSONResponse({"error": "请求来源不对"}, status_code=403)
        response = RedirectResponse("/staff/login", status_code=303)
        response.delete_cookie(COOKIE, path="/staff", httponly=True, samesite="strict")
        return response

    async def home(self, request: Request) -> Response:
        reports = await run_in_threadpool(self.service.reports)
        only = ReportFilter.of(request.query_params)
        limits = self.service.limits
        return page_response(lambda n: pages.home_page(n, reports, only, _limits_text(limits), limits.suffixes))

    async def export(self, request: Request) -> Response:
        """GET ?format=csv|json [&report=ID | the list's filter]: a download of cells and figures with sources."""
        params = request.query_params
        fmt = "json" if params.get("format") == "json" else "csv"
        report = params.get("report", "")
        report_id = int(report) if report.isdigit() else None
        if report_id is not None and await run_in_threadpool(self.service.report, report_id) is None:
            return HTMLResponse("没有这份报告（知识库重建后编号会变，请回到报告列表）", status_code=404)
        chunks = await run_in_threadpool(self.service.export, fmt, ReportFilter.of(params), report_id)
        name = f"xxgk-{f'report-{report_id}' if report_id is not None else 'reports'}.{fmt}"
        kind = "application/json" if fmt == "json" else "text/csv"
        return StreamingResponse(chunks, media_type=f"{kind}; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def report(self, request: Request) -> Response:
        """A report's page; ?cell=KEY (or ?fact=CLAUSE) sets a correction form on that cell (or prose figure),
        ?entry=KEY carries the feedback entry the correction comes from (marked corrected when it is saved)."""
        view = await run_in_threadpool(self.service.report, int(request.path_params["report_id"]))
        if view is None:
            return HTMLResponse("没有这份报告", status_code=404)
        params = request.query_params
        key = params.get("entry", "")
        entry = await run_in_threadpool(self.service.entry, key) if key else None
        aim = Aim(params.get("cell", ""), params.get("fact", ""), entry)
        return page_response(lambda n: pages.report_page(n, view, aim))

    async def entry(self, request: Request) -> Response:
        """GET ?key=…: the feedback entry's question answered now, and the cells it rests on, to correct."""
        found = await run_in_threadpool(self.service.answer_of, request.query_params.get("key", ""))
        if found is None:
            return HTMLResponse("反馈列表中没有这一条", status_code=404)
        return page_response(lambda n: entry_page(n, *found))

    async def correct(self, request: Request) -> Response:
        """POST a cell's correction (cell, value, reason, who), a prose figure's (fact: its clause, instead of cell),
    or the undoing of one (undo, cell: the correction's key); from a feedback entry (entry), the entry is marked
    corrected: back to the report page."""
        report_id = int(request.path_params["report_id"])
        try:
            form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
        except HTTPException:
            return JSONResponse({"error": "更正表单无法读取"}, status_code=400)
        field = {name: str(form.get(name) or "").strip()
                 for name in ("cell", "fact", "value", "reason", "who", "undo", "entry")}
        who = field["who"] or "工作人员"
        try:
            if field["undo"]:
                done = await run_in_threadpool(self.service.undo, report_id, field["cell"], who)
            elif field["fact"]:
                done = await run_in_threadpool(self.service.correct_fact, report_id, field["fact"], field["value"],
                                               field["reason"], who, field["entry"])
            else:
                done = await run_in_threadpool(self.service.correct, report_id, field["cell"], field["value"],
                                               field["reason"], who, field["entry"])
        except CorrectionError as exc:
            message, status = str(exc), exc.status
            return page_response(lambda n: pages.correction_refused_page(n, message, report_id), status)
        return RedirectResponse(f"/staff/report/{done.report_id or report_id}#corrections", status_code=303)

    async def feedback(self, request: Request) -> Response:
        """The feedback list; ?state=… shows the entries of one state only."""
        entries = await run_in_threadpool(self.service.feedback)
        shown = request.query_params.get("state", "")
        return page_response(lambda n: pages.feedback_page(n, entries, shown))

    async def mark(self, request: Request) -> Response:
        """POST key and state (the form of each feedback row): the entry's state set, back to the list."""
        try:
            form = await request.form(max_files=0, max_fields=4, max_part_size=4096)
        except HTTPException:
            return JSONResponse({"error": "表单无法读取"}, status_code=400)
        key, state, shown = form.get("key"), form.get("state"), form.get("shown")
        if not isinstance(key, str) or not key or not isinstance(state, str):
            return JSONResponse({"error": "缺少 key 或 state"}, status_code=400)
        await run_in_threadpool(self.service.mark_feedback, key, state)
        back = f"?{urlencode({'state': shown})}" if isinstance(shown, str) and shown else ""
        return RedirectResponse(f"/staff/feedback{back}", status_code=303)

    async def upload(self, request: Request) -> Response:
        """POST multipart `files`: one line per file, as JSON (or a page for a form sent without JavaScript)."""
        uploads = await _read_uploads(request, self.service.limits)
        if isinstance(uploads, Response):
            return uploads
        lines = await run_in_threadpool(self.service.upload, uploads)
        if "application/json" not in request.headers.get("accept", "") and "text/html" in request.headers.get(
                "accept", ""):
            return page_response(lambda n: pages.upload_result_page(n, lines))
        return JSONResponse({"results": [line.to_dict() for line in lines]})


def _limits_text(limits: UploadLimits) -> str:
    kinds = "、".join(sorted(limits.suffixes))
    return f"一次最多 {limits.max_files} 个文件，每个不超过 {limits.max_bytes // 2**20} MB，类型：{kinds}"


async def _read_uploads(request: Request, limits: UploadLimits) -> list[Upload] | Response:
    """The uploaded files, or the error response for a request over the limits."""
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        return JSONResponse({"error": "请求须带 Content-Length"}, status_code=411)
    if int(declared) > limits.max_files * limits.max_bytes + 64 * 1024:
        return JSONResponse({"error": f"上传内容过大（{_limits_text(limits)}）"}, status_code=413)
    try:
        form = await request.form(max_files=limits.max_files, max_fields=8)
    except HTTPException as exc:
        return JSONResponse({"error": f"上传内容无法读取：{exc.detail}（{_limits_text(limits)}）"}, status_code=400)
    try:
        files = [v for k, v in form.multi_items() if k == "files" and isinstance(v, UploadFile)]
        if not files:
            return JSONResponse({"error": "没有收到文件"}, status_code=400)
        # Read one byte past the limit: enough to know a file is too large without holding all of it.
        return [Upload(f.filename or "", await f.read(limits.max_bytes + 1)) for f in files]
    finally:
        await form.close()


def staff_routes(db_path: str | Path, feedback: FeedbackSource, token: str | None = None,
                 reports_dir: str | Path | None = None, limits: UploadLimits | None = None,
                 hits: Hits | None = None, default_issuer: str = "") -> list[Route]:
    """The /staff routes; the token comes from XXGK_STAFF_TOKEN and the reports folder from config.toml; login
    attempts are counted with `hits` (not limited without it); `default_issuer` is the body the bot asks of when
    a question names none (the preview of a taught phrase answers as the bot does)."""
    auth = StaffAuth(staff_token() if token is None else token)
    folder = reports_dir if reports_dir is not None else load_settings().reports
    service = StaffService(db_path, feedback, folder, limits, default_issuer)
    staff = StaffPages(auth, service, hits)
    guarded = staff.guarded
    return [
        Route("/staff", guarded(staff.home)),
        Route("/staff/login", staff.login, methods=["GET", "POST"]),
        Route("/staff/logout", staff.logout, methods=["POST"]),
        Route("/staff/report/{report_id:int}", guarded(staff.report)),
        Route("/staff/report/{report_id:int}/correct", guarded(staff.correct), methods=["POST"]),
        Route("/staff/export", guarded(staff.export)),
        Route("/staff/feedback", guarded(staff.feedback)),
        Route("/staff/entry", guarded(staff.entry)),
        Route("/staff/feedback/mark", guarded(staff.mark), methods=["POST"]),
        Route("/staff/upload", guarded(staff.upload), methods=["POST"]),
        *teach_routes(guarded, service),
    ]
