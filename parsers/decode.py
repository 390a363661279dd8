"""Turn the bytes of a text-based report into text: UTF-8 or GBK/GB18030."""

from __future__ import annotations

import re

from parsers.errors import BinaryFile, EmptyFile, UnknownEncoding

_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# Chinese government sites still serve GB2312/GBK pages; GB18030 is a superset of both.
_GB_NAMES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) // 20


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def bytes_to_text(data: bytes) -> str:
    """Decode report bytes, trying the declared charset, UTF-8, then GB18030."""
    if not data.strip():
        raise EmptyFile("文件为空 (empty file)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if _looks_binary(data):
        raise BinaryFile("不是文本文件，像是二进制数据 (binary data, not a text report)")
    declared = _declared_charset(data)
    order = ["gb18030", "utf-8"] if declared in _GB_NAMES else ["utf-8", "gb18030"]
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _mostly_cjk_or_ascii(text):
            continue
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UnknownEncoding("编码无法识别：既不是 UTF-8 也不是 GBK/GB18030 (unknown text encoding)")


def _mostly_cjk_or_ascii(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept it only when the result reads as Chinese text."""
    sample = text[:4000]
    if not sample:
        return False
    good = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·")
    return good / len(sample) > 0.9
