"""Decide what an input is from its bytes, not its name (a scan saved as .txt is still a scan);
text under a document's name (a web page saved as "scan.pdf") is a broken file, not a TXT."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sohoa.errors import SohoaError
from sohoa.ocr.legacy_encoding import TCVN3_LOW_CODES, VISCII_LOW_CODES, utf16_without_bom

IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpeg",
    b"II*\x00": "tiff",
    b"MM\x00*": "tiff",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, encrypted .docx


# What a file's extension promises: bytes that are text, or no format at all, under such a
# name are a broken file (a web page or an error message saved as "scan.pdf"), not a document.
NAMED_KINDS = {
    ".pdf": "PDF",
    ".png": "PNG image",
    ".jpg": "JPEG image",
    ".jpeg": "JPEG image",
    ".tif": "TIFF image",
    ".tiff": "TIFF image",
    ".docx": "Word .docx file",
}


def sniff_format(path: Path) -> str:
    """Return "pdf", "docx", "png", "jpeg", "tiff" or "txt"; raise SohoaError otherwise."""
    found = _format_of_bytes(path, _head(path))
    named = NAMED_KINDS.get(path.suffix.lower())
    if found is None and named is not None:
        raise SohoaError(
            path,
            f"is not a {named} as its name says, nor any format sohoa reads (damaged?)",
            "download, export or scan it again",
        )
    if found is None:
        raise SohoaError(
            path, "unsupported file type", "give a PDF, PNG, JPEG, TIFF, DOCX or UTF-8 text file"
        )
    if found == "txt" and named is not None:
        raise SohoaError(
            path,
            f"holds text, not a {named} as its name says (a web page or message saved under it?)",
            "download or export it again; if it is plain text, rename it .txt",
        )
    return found


def _head(path: Path) -> bytes:
    """The file's first 4 KiB; an error line for a file that cannot be read or is empty."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise SohoaError(path, "file not found", "check the path") from None
    except IsADirectoryError:
        raise SohoaError(path, "is a folder", "pass the files inside it") from None
    except PermissionError:
        raise SohoaError(
            path, "cannot be read (permission denied)", "check its permissions"
        ) from None
    if not head:
        raise SohoaError(path, "is empty (0 bytes)", "re-export or re-scan the document")
    return head


def _format_of_bytes(path: Path, head: bytes) -> str | None:
    """The format the bytes say; None for none sohoa reads."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, name in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return name
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(path):
            return "docx"
        raise SohoaError(
            path, "is a ZIP archive but not a Word .docx file", "unzip it or save it as .docx"
        )
    if head.startswith(b"PK\x05\x06"):
        raise SohoaError(
            path, "is an empty ZIP archive, not a Word .docx file", "save it from Word as .docx"
        )
    if head.startswith(OLE_MAGIC):
        raise SohoaError(
            path,
            "is an old-style Office file (.doc/.xls) or a password-protected .docx",
            "open it in Word or LibreOffice and save it as .docx without a password",
        )
    return "txt" if _looks_like_text(head) else None


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return utf16_without_bom(head) is not None
    for encoding in ("utf-8", "utf-16"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            # A multi-byte character cut off by the 4 KiB window still counts as text.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
    # 8-bit text (TCVN3, VNI, VISCII, Windows-1258): no control codes but tab, line and page
    # breaks, and the codes TCVN3 and VISCII give some capitals with a tone (Ụ, Ứ, Ý, Ỹ…)
    letters = TCVN3_LOW_CODES | VISCII_LOW_CODES
    return not any(
        (byte < 9 or 13 < byte < 32 or byte == 127) and byte not in letters for byte in head
    )
