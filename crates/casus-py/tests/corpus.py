"""Test and benchmark inputs: the project's example articles and a slice
of Reuters-21578 from ../shared, as JSON Lines both casus (the CLI) and
the Python package read.

Nothing from ../shared is copied into the repository: the Reuters slice
is made on the fly and skipped when ../shared is absent.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Iterator, List, Optional

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(__import__("os").environ.get("CASUS_SHARED", REPO.parent / "shared"))
REUTERS = SHARED / "data" / "corpora" / "reuters21578"

MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()


def examples() -> List[dict]:
    """The articles of examples/*.txt (seed format: ` date YYYY-MM-DD
    text`), id = file stem."""
    out = []
    for p in sorted((REPO / "examples").glob("*.txt")):
        raw = p.read_text(encoding="utf-8")
        m = re.match(r"\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)", raw, re.S)
        if m:
            out.append({"id": p.stem, "date": m.group(1), "text": m.group(2)})
    return out


def _reuters_date(s: str) -> Optional[str]:
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", s)
    if not m or m.group(2) not in MONTHS:
        return None
    return f"{m.group(3)}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"


def reuters(limit: Optional[int] = None) -> Iterator[dict]:
    """Reuters stories with a body, in file order: id `reuters-NEWID`,
    date, title, text."""
    n = 0
    for f in sorted(REUTERS.glob("reut2-*.sgm")):
        raw = f.read_bytes().decode("latin-1")
        for doc in raw.split("</REUTERS>"):
            newid = re.search(r'NEWID="(\d+)"', doc)
            date = re.search(r"<DATE>(.*?)</DATE>", doc, re.S)
            body = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if not (newid and date and body):
                continue
            day = _reuters_date(date.group(1))
            text = html.unescape(body.group(1)).replace("\x03", "").strip()
            if not day or not text:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S)
            rec = {"id": f"reuters-{newid.group(1)}", "date": day, "text": text}
            if title:
                rec["title"] = html.unescape(title.group(1)).strip()
            yield rec
            n += 1
            if limit is not None and n >= limit:
                return


def write_jsonl(path: Path, records) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path
