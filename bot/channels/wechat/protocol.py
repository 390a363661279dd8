"""The WeChat service-account (公众号) message protocol: signatures, safe-mode crypto, XML in and out."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import struct
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from xxgk_errors import WeChatError, WeChatForbidden

MAX_XML_BYTES = 64 * 1024
# WeChat shows at most 2048 bytes of a passive text reply.
MAX_REPLY_BYTES = 2000
_BLOCK = 32


def signature(token: str, *parts: str) -> str:
    """SHA1 over the token and the parts, sorted and joined, as WeChat computes it."""
    return hashlib.sha1("".join(sorted([token, *parts])).encode()).hexdigest()


def check_signature(token: str, sig: str, timestamp: str, nonce: str) -> bool:
    return bool(token) and hmac.compare_digest(signature(token, timestamp, nonce), sig or "")


@dataclass
class Incoming:
    """A message from a follower: who, to whom, what kind, and its text or event."""

    to_user: str
    from_user: str
    msg_type: str
    content: str = ""
    event: str = ""
    msg_id: str = ""
    recognition: str = ""  # a voice message's text, as WeChat's speech recognition heard it (when it is on)


def parse_xml(body: bytes) -> dict[str, str]:
    """The flat fields of a WeChat XML message; entity declarations and oversize bodies refused."""
    if len(body) > MAX_XML_BYTES:
        raise WeChatError("消息过大")
    try:
        root = ElementTree.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ElementTree.ParseError) as exc:
        raise WeChatError(f"XML 无法解析：{type(exc).__name__}") from exc
    return {child.tag: (child.text or "") for child in root}


def incoming(fields: dict[str, str]) -> Incoming:
    return Incoming(fields.get("ToUserName", ""), fields.get("FromUserName", ""), fields.get("MsgType", ""),
                    fields.get("Content", ""), fields.get("Event", "").lower(), fields.get("MsgId", ""),
                    fields.get("Recognition", ""))


def text_reply(message: Incoming, content: str, now: int | None = None) -> str:
    """A passive text reply: sender and receiver swapped, content within what WeChat shows."""
    return (f"<xml><ToUserName><![CDATA[{_cdata(message.from_user)}]]></ToUserName>"
            f"<FromUserName><![CDATA[{_cdata(message.to_user)}]]></FromUserName>"
            f"<CreateTime>{now or int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{_cdata(fit_reply(content))}]]></Content></xml>")


def fit_reply(content: str) -> str:
    """Cut a reply to WeChat's length, keeping whole lines where possible."""
    if len(content.encode()) <= MAX_REPLY_BYTES:
        return content
    tail = "\n……（内容较长，已截断）"
    budget = MAX_REPLY_BYTES - len(tail.encode())
    out = ""
    for line in content.split("\n"):
        candidate = f"{out}\n{line}" if out else line
        if len(candidate.encode()) > budget:
            break
        out = candidate
    if not out:
        out = content.encode()[:budget].decode(errors="ignore")
    return out + tail


def _cdata(text: str) -> str:
    return text.replace("]]>", "]]]]><![CDATA[>")


class SafeMode:
    """AES-256-CBC message encryption of 安全模式, keyed by the 43-character EncodingAESKey."""

    def __init__(self, token: str, aes_key: str, appid: str) -> None:
        try:
            self.key = base64.b64decode(aes_key + "=")
        except ValueError as exc:
            raise WeChatError("WECHAT_AES_KEY 不是有效的 EncodingAESKey") from exc
        if len(self.key) != 32:
            raise WeChatError("WECHAT_AES_KEY 应为 43 个字符的 EncodingAESKey")
        self.token = token
        self.appid = appid

    def decrypt(self, encrypted: str, msg_signature: str, timestamp: str, nonce: str) -> bytes:
        """The plain XML inside an encrypted message, after checking msg_signature."""
        if not hmac.compare_digest(signature(self.token, timestamp, nonce, encrypted), msg_signature or ""):
            raise WeChatForbidden("消息签名不符")
        try:
            data = base64.b64decode(encrypted)
            decryptor = Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16])).decryptor()
            plain = decryptor.update(data) + decryptor.finalize()
            plain = plain[: -plain[-1]] if 0 < plain[-1] <= _BLOCK else plain
            length = struct.unpack(">I", plain[16:20])[0]
            xml, appid = plain[20:20 + length], plain[20 + length:].decode()
        except (ValueError, IndexError, struct.error, UnicodeDecodeError) as exc:
            raise WeChatError("密文无法解密") from exc
        if appid != self.appid:
            raise WeChatForbidden("消息不属于本公众号（AppID 不符）")
        return xml

    def encrypt(self, xml: str, timestamp: str, nonce: str, random16: bytes | None = None) -> str:
        """The encrypted reply envelope, signed."""
        body = xml.encode()
        plain = (random16 or os.urandom(16)) + struct.pack(">I", len(body)) + body + self.appid.encode()
        pad = _BLOCK - len(plain) % _BLOCK
        plain += bytes([pad]) * pad
        encryptor = Cipher(algorithms.AES(self.key), modes.CBC(self.key[:16])).encryptor()
        encrypted = base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()
        sig = signature(self.token, timestamp, nonce, encrypted)
        return (f"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{sig}]]></MsgSignature>"
                f"<TimeStamp>{escape(timestamp)}</TimeStamp><Nonce><![CDATA[{_cdata(nonce)}]]></Nonce></xml>")
