"""Turn the bytes of a text-based report into text: UTF-8, GBK/GB18030, UTF-16, else what charset-normalizer finds."""

from __future__ import annotations

import codecs
import re
from functools import cache

from xxgk_errors import BinaryFile, EmptyFile, UnknownEncoding

_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# Chinese government sites still serve GB2312/GBK pages; GB18030 is a superset of both.
_GB_NAMES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROLS = bytes(b for b in range(32) if b < 9 or b > 13)
_TRADITIONAL = {"big5", "big5hkscs", "cp950"}
# A multi-byte character is at most 4 bytes: an error this close to the end is a file cut inside one.
_LAST_CHARACTER = 4


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return controls > len(sample) // 20


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in _GB_NAMES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode report bytes: a BOM's encoding, the declared charset, UTF-8, GB18030, then charset-normalizer.

    A file cut inside its last character is read up to that character, with a warning saying so.
    """
    if not data.strip():
        raise EmptyFile("文件为空 (empty file)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # UTF-16 text is full of zero bytes: with its BOM it is text, not binary data.
            return _decode_known(data[len(bom):], encoding)
    if _looks_binary(data):
        raise BinaryFile("不是文本文件，像是二进制数据 (binary data, not a text report)")
    declared = _declared_charset(data)
    order = list(dict.fromkeys([*([declared] if declared else []), "utf-8", "gb18030"]))
    for encoding in order:
        decoded = _try(data, encoding)
        if decoded is not None:
            return decoded
    guessed = _normalizer_guess(data)
    if guessed is not None:
        return guessed
    raise UnknownEncoding("编码无法识别：不是 UTF-8、GBK/GB18030、UTF-16，也无法判断是哪种中文编码 (unknown text encoding)")


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _try(data: bytes, encoding: str) -> tuple[str, list[str]] | None:
    """The text if the bytes are in this encoding (a cut last character allowed), else None."""
    warnings: list[str] = []
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - _LAST_CHARACTER:
            return None
        try:
            text = data[: exc.start].decode(encoding)
        except UnicodeDecodeError:
            return None
        warnings.append(f"文件在最后一个字符中间被截断（{encoding}，末尾 {len(data) - exc.start} 字节不完整），"
                        "可能不完整 (file truncated inside a character)")
    if encoding != "utf-8" and not _mostly_cjk_or_ascii(text):
        return None
    return _clean(text), warnings


def _decode_known(data: bytes, encoding: str) -> tuple[str, list[str]]:
    decoded = _try(data, encoding)
    if decoded is None:
        raise UnknownEncoding(f"文件以 {encoding} 的字节顺序标记开头，内容却不是 {encoding} 文本")
    return decoded


def _normalizer_guess(data: bytes) -> tuple[str, list[str]] | None:
    """charset-normalizer's best guess (Big5 pages, other Chinese encodings), kept only if it reads as Chinese."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding in ("utf_8", "gb18030"):
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if not _mostly_cjk_or_ascii(text) or not re.search(r"[\u4e00-\u9fff]", text):
        return None
    warnings = [f"文件编码判断为 {best.encoding}"]
    if best.encoding in _TRADITIONAL:
        # The templates' row labels are simplified; Big5 text is traditional ("政府資訊公開").
        text = to_simplified(text)
        warnings.append("繁体字已转为简体以便识别表格（数字不变）")
    return _clean(text), warnings


def to_simplified(text: str) -> str:
    """Traditional characters as simplified ones (OpenCC's t2s, Apache-2.0)."""
    return str(_t2s().convert(text))


@cache
def _t2s():
    import opencc  # loaded on first use: only a traditional page or a question pays for it

    return opencc.OpenCC("t2s")


def _mostly_cjk_or_ascii(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept it only when the result reads as Chinese text."""
    sample = text[:4000]
    if not sample:
        return False
    good = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef" or ch in "“”‘’—…·")
    return good / len(sample) > 0.9
