"""Tiny hand-written PDFs for the bad-input tests (no PDF library needed to make them)."""

from __future__ import annotations


def build_pdf(pages: list[tuple[bytes, bytes]]) -> bytes:
    """A PDF from (content stream, resources dictionary) pairs, one per page."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled in below)
    kids = []
    for content, resources in pages:
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_id = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>"
                       % (content_id, resources))
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
CID_FONT = (b"<< /Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /NoName /Encoding /Identity-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoName "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>] >> >> >>")


def text_page(text: str) -> tuple[bytes, bytes]:
    return b"BT /F1 12 Tf 72 760 Td (%s) Tj ET" % text.encode("latin-1"), HELVETICA


def cid_page(glyphs: int) -> tuple[bytes, bytes]:
    codes = "".join(f"{0x4E00 + i:04X}" for i in range(glyphs))
    return b"BT /F1 12 Tf 72 760 Td <%s> Tj ET" % codes.encode(), CID_FONT


def image_page() -> tuple[bytes, bytes]:
    """A page that is only a picture, like a scanned sheet."""
    pixels = bytes(range(0, 256, 4))  # 8x8 grey, as an inline image
    content = b"q 500 0 0 700 50 70 cm BI /W 8 /H 8 /CS /G /BPC 8 ID " + pixels + b" EI Q"
    return content, b"<< >>"
