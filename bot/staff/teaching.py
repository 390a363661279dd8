"""The teaching routes: from an entry of the feedback list, the form (what it meant, which words), the preview of
the logged questions whose answers would change (a page), saving (a separate POST), the list of phrases taught
and undoing one. A phrase that breaks the lexicon's rules is refused with 400 and the reason."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.markup import page_response
from bot.staff import teach_pages
from knowledge.staff import Lesson, StaffService
from xxgk_errors import TeachingError

Handler = Callable[[Request], Awaitable[Response]]
Guard = Callable[[Handler], Handler]
_FIELDS = ("question", "previous", "phrase", "concept", "confirm", "who", "id")


def _fields(values: QueryParams | FormData) -> dict[str, str]:
    return {name: str(values.get(name) or "").strip() for name in _FIELDS}


class TeachPages:
    """The handlers; the work (reading the base, answering the logged questions, writing) runs in threads."""

    def __init__(self, service: StaffService) -> None:
        self.service = service

    async def form(self, request: Request) -> Response:
        """GET ?key=…: the form for the entry of the feedback list with that key."""
        entry = await run_in_threadpool(self.service.entry, request.query_params.get("key", ""))
        if entry is None:
            return HTMLResponse("反馈列表里没有这一条（可能已被处理），请回到列表", status_code=404)
        words = await run_in_threadpool(self.service.not_understood, entry.question)
        return page_response(lambda n: teach_pages.teach_page(n, entry, words))

    async def preview(self, request: Request) -> Response:
        """GET the form's fields: the phrase checked, and the logged questions it would answer differently."""
        field = _fields(request.query_params)
        try:
            taught, changes = await run_in_threadpool(self.service.lesson_preview, field["phrase"], field["concept"],
                                                      field["question"], field["previous"], bool(field["confirm"]))
        except TeachingError as exc:
            return self._refused(exc, field)
        return page_response(lambda n: teach_pages.preview_page(n, taught, changes, bool(field["confirm"])))

    async def save(self, request: Request) -> Response:
        """POST the previewed fields and who: the phrase kept, its entry taught; on to the list of phrases."""
        field = await self._form(request)
        if isinstance(field, Response):
            return field
        try:
            done = await run_in_threadpool(self.service.teach, field["phrase"], field["concept"], field["question"],
                                           field["previous"], field["who"] or "工作人员", bool(field["confirm"]))
        except TeachingError as exc:
            return self._refused(exc, field)
        return RedirectResponse(f"/staff/taught#taught-{done.id}", status_code=303)

    async def undo(self, request: Request) -> Response:
        """POST id (and who): the phrase set aside, kept in the list as undone."""
        field = await self._form(request)
        if isinstance(field, Response):
            return field
        if not field["id"].isdigit():
            return JSONResponse({"error": "缺少要撤销的编号"}, status_code=400)
        try:
            await run_in_threadpool(self.service.untaught, int(field["id"]), field["who"] or "工作人员")
        except TeachingError as exc:
            return self._refused(exc, field)
        return RedirectResponse("/staff/taught", status_code=303)

    async def listing(self, request: Request) -> Response:
        taught = await run_in_threadpool(self.service.taught)
        return page_response(lambda n: teach_pages.taught_page(n, taught))

    @staticmethod
    async def _form(request: Request) -> dict[str, str] | Response:
        try:
            return _fields(await request.form(max_files=0, max_fields=10, max_part_size=4096))
        except HTTPException:
            return JSONResponse({"error": "表单无法读取"}, status_code=400)

    @staticmethod
    def _refused(exc: TeachingError, field: dict[str, str]) -> Response:
        message = str(exc)
        key = Lesson("", "", "", field["question"], field["previous"]).key if field["question"] else ""
        return page_response(lambda n: teach_pages.teach_refused_page(n, message, key), exc.status)


def teach_routes(guarded: Guard, service: StaffService) -> list[Route]:
    """The teaching routes, each behind the staff pages' checks (`guarded`)."""
    pages = TeachPages(service)
    return [
        Route("/staff/teach", guarded(pages.form)),
        Route("/staff/teach/preview", guarded(pages.preview)),
        Route("/staff/teach/save", guarded(pages.save), methods=["POST"]),
        Route("/staff/teach/undo", guarded(pages.undo), methods=["POST"]),
        Route("/staff/taught", guarded(pages.listing)),
    ]
