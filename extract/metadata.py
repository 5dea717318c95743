"""Stage 4: document metadata (number, type, date, issuer, title, signer, recipients, references).

Vietnamese administrative documents follow the layout of Nghị định 30/2020/NĐ-CP:

    ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM      <- issuer | national motto
    TỈNH BẮC NINH                 Độc lập - Tự do - Hạnh phúc
    Số: 49/KH-UBND             Bắc Ninh, ngày 28 tháng 8 năm 2025     <- number | place, date
                              KẾ HOẠCH                                 <- type
             Nâng cao năng suất và chất lượng ...                      <- title (trích yếu)
    ... body ...
    Nơi nhận:                               TM. ỦY BAN NHÂN DÂN       <- recipients | authority
    - ...;                                  KT. CHỦ TỊCH
                                            PHÓ CHỦ TỊCH               <- role
                                            Đào Quang Khải             <- signer

Text from OCR or from a text layer gives the two columns either one after the other or
interleaved on the same lines, with marks lost or misread; every step below matches
keywords on folded text with a tolerance and cuts interleaved lines apart.

Decisions (see also ``admin_vocab``):
- Issuer: consecutive header lines where the next begins with an administrative level
  ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH") are ONE name; a further line names a body under it
  ("UBND TỈNH BẮC NINH" / "SỞ KHOA HỌC VÀ CÔNG NGHỆ"): the last name is ``ten``, the one
  above it ``cap_tren``. Names made only of known parts are spelled properly ("UY BAN NHAN
  DAN" -> "ỦY BAN NHÂN DÂN"); others are kept as written.
- Number: ``so_hieu`` is null when the number is blank (a draft's "Số: /KH-UBND"); the code
  is kept in ``ky_hieu`` either way. OCR-damaged type codes are fixed ("QD" -> "QĐ").
- Dates are ISO 8601; a blank day gives a month ("2025-08").
- A field not printed where the layout puts it but read elsewhere in the document (the type
  from the code, the issuer or date from an appendix's "(Kèm theo Kế hoạch số ... của UBND
  tỉnh Bắc Ninh)") is listed in ``suy_dien``.

The readers, one module per part of the page: ``metadata_header`` (number, place and date,
a công văn's "V/v", the header walk), ``metadata_issuer`` (the issuer's and its parent's
names), ``metadata_title`` (the type heading, the trích yếu, a decision's authority line),
``metadata_signature`` (the signature block and "Nơi nhận"), ``metadata_text`` (what they
share: where a field was read, specks, a title's cleaning). This module puts them in order,
reads again under a seal or a pen (``ink_reread``) and fills gaps from the document's own
citation.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from sohoa.extract.admin_vocab import (
    DOCUMENT_TYPES,
    TYPE_BY_CODE,
    body_from_code,
    fold,
    is_type_heading,
    similar,
    type_from_code,
)
from sohoa.extract.citations import find_citations, references_in
from sohoa.extract.ink_reread import InkReading, header_lines, signature_lines
from sohoa.extract.layout_lines import SourceLine, lines_for_metadata
from sohoa.extract.metadata_header import number_line, read_header, read_number
from sohoa.extract.metadata_issuer import full_body_name, mark_place_as_dated
from sohoa.extract.metadata_signature import is_recipients_line, read_recipients, read_signature
from sohoa.extract.metadata_text import SPECKS, note
from sohoa.extract.metadata_title import (
    authority_line,
    body_start,
    damaged_type_heading,
    names_a_role,
    read_title,
    type_heading,
)
from sohoa.model import Document, FieldSource, Metadata
from sohoa.normalize.unicode import nfc

HEADER_LINES = 15  # the header block never runs longer than this
DAMAGED_HEADING = 0.7  # how sure a type read from a heading OCR damaged is


def extract_metadata(doc: Document, ink_reader: InkReading | None = None) -> Document:
    """Fill ``doc.metadata`` from the document's lines (cut along the page's blocks); with
    ``ink_reader`` (``pipeline.py`` hands it over), a signer lost under a red seal or a
    number under a blue pen is looked for again with that ink taken out."""
    lines = lines_for_metadata(doc)
    doc.metadata = metadata_from_lines(lines)
    if ink_reader is not None and doc.metadata.nguoi_ky.ho_ten is None:
        _signer_under_the_seal(doc, lines, ink_reader)
    if ink_reader is not None and doc.metadata.ky_hieu is None:
        _number_under_the_pen(doc, ink_reader)
    return doc


def _number_under_the_pen(doc: Document, reader: InkReading) -> None:
    """No "Số: …/…" line was read: read the header's left block again without blue ink
    (``ink_reread``); a number line found there gives the printed code, and the number the
    pen wrote over it is left null and flagged (the README's form for handwritten numbers)."""
    for source in header_lines(doc, reader):
        number = number_line(nfc(source.text).strip(" *\t").lstrip(SPECKS))
        if number is None:
            continue
        found = Metadata()
        read_number(number, source, found)
        meta = doc.metadata
        meta.so_hieu, meta.ky_hieu = found.so_hieu, found.ky_hieu
        meta.so_viet_tay = found.so_hieu is None  # blue ink lay over the number's blank
        if meta.so_viet_tay and not any(item.field == "so_hieu" for item in found.nguon):
            note(found, "so_hieu", source, 0.5)
        for item in found.nguon:
            item.method = "reread"
            item.confidence = round(0.9 * item.confidence, 3)
            meta.nguon.append(item)
        if meta.loai_van_ban is None and meta.ky_hieu:
            meta.loai_van_ban = type_from_code(meta.ky_hieu)
            if meta.loai_van_ban:
                meta.suy_dien.append("loai_van_ban")
                meta.nguon.append(FieldSource("loai_van_ban", 0.6, method="code"))
        return


def _signer_under_the_seal(doc: Document, lines: list[SourceLine], reader: InkReading) -> None:
    """Read the signature block again without its red ink (``ink_reread``), from the
    recipients line of the first signature zone down, and take the signer found there."""
    anchor = next(
        (s for s in lines if s.bbox and is_recipients_line(nfc(s.text).strip(" *\t"))), None
    )
    if anchor is None:
        return
    again = [s for s in signature_lines(doc, anchor, reader) if nfc(s.text).strip(" *\t")]
    found = Metadata()
    texts = [nfc(s.text).strip(" *\t") for s in again]
    read_signature(texts, again, 0, found)
    if found.nguoi_ky.ho_ten is None and (
        found.nguoi_ky.chuc_vu is None or doc.metadata.nguoi_ky.chuc_vu is not None
    ):
        return  # nothing more than the first reading had
    doc.metadata.nguoi_ky = found.nguoi_ky
    doc.metadata.nguon = [s for s in doc.metadata.nguon if not s.field.startswith("nguoi_ky.")]
    for source in found.nguon:
        source.method = "reread"
        source.confidence = round(0.9 * source.confidence, 3)
        doc.metadata.nguon.append(source)


def metadata_from_text(text: str) -> Metadata:
    """Metadata of text without layout (TXT, DOCX): one line a line, tabs (columns, as
    "ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA …") cutting a line in two."""
    return metadata_from_lines(
        [SourceLine(part) for line in nfc(text).splitlines() for part in line.split("\t")]
    )


def metadata_from_lines(source_lines: list[SourceLine]) -> Metadata:
    sources = [s for s in source_lines if nfc(s.text).strip(" *\t")]
    lines = [nfc(s.text).strip(" *\t") for s in sources]
    meta = Metadata()
    heading, loai, damaged = _type_heading(lines, sources)
    header_end = heading if heading is not None else body_start(lines, 0, HEADER_LINES)
    header = read_header(lines[:header_end], sources, meta)
    mark_place_as_dated(meta)
    if heading is not None:
        meta.loai_van_ban = loai
        note(meta, "loai_van_ban", sources[heading], DAMAGED_HEADING if damaged else 1.0)
        centred_on = sources[heading + 1] if damaged and heading + 1 < len(sources) else None
        title_end = read_title(lines, sources, heading + 1, meta, centred_on)
        authority = authority_line(lines, title_end)
        if authority is not None:
            title_end += 1
            if not meta.co_quan_ban_hanh.ten and not names_a_role(authority):
                meta.co_quan_ban_hanh.ten = authority
                note(meta, "co_quan_ban_hanh.ten", sources[title_end - 1], 0.8)
    elif header.get("vv"):
        meta.trich_yeu = header["vv"]
        meta.loai_van_ban = "Công văn"  # a công văn prints no type name: its "V/v" line says so
        meta.suy_dien.append("loai_van_ban")
        note(meta, "loai_van_ban", sources[int(header["vv_line"])], 0.9, "text")
    elif header.get("untitled") and header_end < min(len(lines), HEADER_LINES):
        meta.trich_yeu = header["untitled"]  # a title right above the body
    if not meta.loai_van_ban and header.get("kind"):
        meta.loai_van_ban = header["kind"]  # "Luật số: 54/2014/QH13"
    if not meta.loai_van_ban and meta.ky_hieu:
        meta.loai_van_ban = type_from_code(meta.ky_hieu)
        if meta.loai_van_ban:
            meta.suy_dien.append("loai_van_ban")
            meta.nguon.append(FieldSource("loai_van_ban", 0.7, method="code"))
    if heading is not None:
        _type_code_from_heading(meta)
    if meta.ky_hieu is None and header.get("pen_code"):
        _code_under_the_pen(meta, header["pen_code"], sources[int(header["pen_line"])])
    sign_start = read_signature(lines, sources, max(header_end, 1), meta)
    read_recipients(lines, sign_start, meta)
    _from_own_citation(lines, meta)
    _issuer_from_code(meta)
    if meta.loai_van_ban is None and heading is None and (meta.noi_nhan or _salutes(lines)):
        _untitled_is_cong_van(meta)
    body = title_end if heading is not None else header_end
    meta.tham_chieu = references_in("\n".join(lines[body:]), meta.so_hieu)
    return meta


def _type_heading(
    lines: list[str], sources: list[SourceLine]
) -> tuple[int | None, str | None, bool]:
    """The type heading's line, the type it names, and whether OCR damaged it (a word
    lost: found by ``damaged_type_heading`` at a heading's place)."""
    heading = type_heading(lines)
    if heading is not None:
        return heading, is_type_heading(lines[heading]), False
    damaged = damaged_type_heading(lines, sources)
    if damaged is None:
        return None, None, False
    return damaged[0], damaged[1], True


def _type_code_from_heading(meta: Metadata) -> None:
    """The code's type part must be the printed type's abbreviation (Nghị định 30/2020, Phụ
    lục III): one that is no abbreviation at all and one letter from the heading's
    ("TTi-SKHCN" under "TỜ TRÌNH") is that abbreviation, misread."""
    want = DOCUMENT_TYPES.get(meta.loai_van_ban or "")
    part = (meta.ky_hieu or "").split("-")[0]
    if not want or not part or part in TYPE_BY_CODE or len(part) != len(want):
        return
    if sum(a != b for a, b in zip(part, want, strict=True)) != 1:
        return
    meta.ky_hieu = want + meta.ky_hieu[len(part) :]  # type: ignore[index]
    if meta.so_hieu:
        number, _, _ = meta.so_hieu.rpartition(part)
        meta.so_hieu = number + meta.ky_hieu
    for item in meta.nguon:
        if item.field in ("so_hieu", "ky_hieu"):
            item.confidence = round(0.9 * item.confidence, 3)


def _issuer_from_code(meta: Metadata) -> None:
    """No issuer read in the header (its lines lost to OCR) but the code names one by its
    initials ("TB-BKHCN"): that department or ministry, inferred."""
    if meta.co_quan_ban_hanh.ten or not meta.ky_hieu:
        return
    name = body_from_code(meta.ky_hieu)
    if name:
        meta.co_quan_ban_hanh.ten = name
        meta.suy_dien.append("co_quan_ban_hanh")
        meta.nguon.append(FieldSource("co_quan_ban_hanh.ten", 0.5, method="code"))


def _code_under_the_pen(meta: Metadata, issuer_code: str, source: SourceLine) -> None:
    """A number written over the type code ("Số: 14Øốr-SKHCN"): the code is the type's
    abbreviation (Nghị định 30/2020, Phụ lục III) from the type heading, then the issuer's
    part that is still legible; the number is handwritten (``so_viet_tay``)."""
    type_code = DOCUMENT_TYPES.get(meta.loai_van_ban or "")
    if not type_code or meta.suy_dien.count("loai_van_ban"):
        return  # no heading printed the type: nothing to rebuild the code from
    meta.ky_hieu = f"{type_code}-{issuer_code}"
    meta.so_viet_tay = True
    meta.suy_dien.append("ky_hieu")
    note(meta, "ky_hieu", source, 0.6)
    note(meta, "so_hieu", source, 0.5)


def _salutes(lines: list[str]) -> bool:
    """A "Kính gửi:" line opens the body near the top: the document is addressed, as a
    letter is."""
    return any(
        similar(" ".join(fold(line).split()[:2]).strip(":,"), "kinh gui") >= 80
        for line in lines[:HEADER_LINES]
    )


def _untitled_is_cong_van(meta: Metadata) -> None:
    """A document with a recipients list or a "Kính gửi" but no type name anywhere (no
    heading, no "V/v", no code giving one) is a công văn: Nghị định 30/2020 prints every
    other type's name, and OCR that garbled the header still leaves the salutation or the
    closing to say it is a letter."""
    meta.loai_van_ban = "Công văn"
    meta.suy_dien.append("loai_van_ban")
    meta.nguon.append(FieldSource("loai_van_ban", 0.5, method="layout"))


def _from_own_citation(lines: list[str], meta: Metadata) -> None:
    """Fill gaps from an appendix's "(Kèm theo Kế hoạch số .../KH-UBND ngày ... của ...)".

    That line cites the document itself; a draft leaves the number blank there too.
    """
    if meta.co_quan_ban_hanh.ten and meta.ngay_ban_hanh and meta.so_hieu:
        return
    for line in lines:
        folded = fold(line)
        if not line.startswith("(") or fuzz.partial_ratio("kem theo", folded[:30]) < 80:
            continue
        for citation in find_citations(line):
            own = citation.so_hieu in (None, meta.so_hieu) and (
                meta.loai_van_ban in (None, citation.loai_van_ban)
            )
            if not own:
                continue
            if not meta.loai_van_ban and citation.loai_van_ban:
                meta.loai_van_ban = citation.loai_van_ban
                meta.suy_dien.append("loai_van_ban")
                meta.nguon.append(FieldSource("loai_van_ban", 0.6, method="citation"))
            if not meta.ngay_ban_hanh and citation.ngay_ban_hanh:
                meta.ngay_ban_hanh = citation.ngay_ban_hanh
                meta.suy_dien.append("ngay_ban_hanh")
                meta.nguon.append(FieldSource("ngay_ban_hanh", 0.6, method="citation"))
            if not meta.co_quan_ban_hanh.ten and citation.co_quan_ban_hanh:
                meta.co_quan_ban_hanh.ten = full_body_name(citation.co_quan_ban_hanh)
                meta.suy_dien.append("co_quan_ban_hanh")
                meta.nguon.append(FieldSource("co_quan_ban_hanh.ten", 0.6, method="citation"))
            if not meta.ky_hieu:
                meta.ky_hieu = citation.code
            return
