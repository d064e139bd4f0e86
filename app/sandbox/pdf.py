"""A small, valid PDF of an analysis, written by hand (one page, Helvetica, correct xref)."""

from __future__ import annotations

from typing import Any


def _escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def analysis_pdf(title: str, analysis: dict[str, Any]) -> bytes:
    general = analysis.get("general") or {}
    lines = [title, "", f"Overall rating: {general.get('overallRating', '-')} / 100",
             f"Company fit: {general.get('companyFitRating', '-')}", ""]
    for heading, key in (("Strong points", "strongPoints"), ("Weak points", "weakPoints"),
                         ("Evaluation", "evaluation")):
        lines.append(heading)
        lines += [f"  - {point}" for point in general.get(key) or []] or ["  (none)"]
        lines.append("")
    text_ops = ["BT", "/F1 11 Tf", "14 TL", "50 790 Td"]
    for line in lines[:52]:
        text_ops.append(f"({_escape(line[:95])}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)
