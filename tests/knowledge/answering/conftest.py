"""What the answering tests share: an answerer over the corpus's knowledge base, with no chats kept (a test
module that needs chats defines its own)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answering.answerer import Answerer
from tests.conftest import service_over


@pytest.fixture(scope="module")
def answerer(corpus_db: Path) -> Answerer:
    return service_over(corpus_db).answerer
