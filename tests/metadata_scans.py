"""A decision page laid out as Nghị định 30/2020/NĐ-CP prescribes, scanned: for metadata tests
and bench/metadata.py.

The header is two columns (issuer and number left; motto, place and date right), the
signature block sits right of the recipients — the layout Tesseract reads line by line
across both columns. ``DECISION`` holds what a reader finds on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

from sohoa.corpus import scan_simulator as scans

DECISION = {
    "so_hieu": "523/QĐ-UBND",
    "loai_van_ban": "Quyết định",
    "ngay_ban_hanh": "2020-11-03",
    "dia_danh": "Bắc Ninh",
    "co_quan_ban_hanh.ten": "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
    "nguoi_ky.ho_ten": "Đào Quang Khải",
    "nguoi_ky.chuc_vu": "PHÓ CHỦ TỊCH",
    "nguoi_ky.tham_quyen": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
    "noi_nhan": 4,
    "tham_chieu": {"996/QĐ-TTg": "căn cứ", "838/TTr-SKH-CN": "theo đề nghị"},
}


FONTS = "/usr/share/fonts/truetype/liberation2/LiberationSerif-"


def two_column_decision_scan(path: Path, level: scans.Level = "heavy", seed: int = 3) -> Path:
    """An A4 page at 200 dpi laid out as Nghị định 30 says, degraded like a heavy scan."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    regular, bold = (
        ImageFont.truetype(FONTS + "Regular.ttf", 36),
        ImageFont.truetype(FONTS + "Bold.ttf", 36),
    )
    italic, small = (
        ImageFont.truetype(FONTS + "Italic.ttf", 36),
        ImageFont.truetype(FONTS + "Regular.ttf", 28),
    )

    def centred(x: float, y: float, text: str, font: ImageFont.FreeTypeFont) -> None:
        draw.text((x - draw.textlength(text, font=font) / 2, y), text, font=font, fill=0)

    left, right = 430, 1100
    centred(left, 150, "ỦY BAN NHÂN DÂN", regular)
    centred(left, 195, "TỈNH BẮC NINH", bold)
    centred(left, 290, "Số: 523/QĐ-UBND", regular)
    centred(right, 150, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    centred(right, 195, "Độc lập - Tự do - Hạnh phúc", bold)
    centred(right, 290, "Bắc Ninh, ngày 03 tháng 11 năm 2020", italic)
    centred(827, 420, "QUYẾT ĐỊNH", bold)
    centred(827, 470, "Về việc phê duyệt Kế hoạch triển khai Đề án 996", bold)
    centred(827, 560, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", bold)
    body = [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính phủ;",
        "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 838/TTr-SKH-CN",
        "ngày 14/9/2020.",
        "",
        "Điều 1. Phê duyệt Kế hoạch triển khai Đề án.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ]
    for row, text in enumerate(body):
        draw.text((200, 650 + row * 60), text, font=regular, fill=0)
    top = 1130
    draw.text((200, top), "Nơi nhận:", font=ImageFont.truetype(FONTS + "BoldItalic.ttf", 30))
    recipients = ["- Như Điều 3;", "- Văn phòng Chính phủ;", "- Bộ Khoa học và Công nghệ;"]
    for row, text in enumerate([*recipients, "- Lưu: VT, CN."]):
        draw.text((200, top + 45 + row * 40), text, font=small, fill=0)
    for row, text in enumerate(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]):
        centred(right + 50, top + row * 48, text, bold)
    centred(right + 50, top + 400, "Đào Quang Khải", bold)
    damaged = scans.degrade(np.array(image), level, seed=seed)
    Image.fromarray(damaged).save(path, dpi=(200, 200))
    return path


# --- pages of other layout kinds, for tests/extract/test_metadata_layout.py ------------------


@dataclass
class AdminPage:
    """What is printed on the first page of an administrative document, block by block."""

    issuer: list[str]  # left block, top-down: parent body, then the issuer
    number: str  # "Số: 215/TCKH-NS"; "Số:        /UBND-VP" for a number left blank
    place_date: str  # right block, under the motto
    heading: str | None = None  # "QUYẾT ĐỊNH"; None for a công văn
    title: list[str] = field(default_factory=list)  # under the heading, or V/v lines under Số
    authority: str | None = None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under a decision's title
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)  # right of the recipients, top-down
    handwritten_number: str | None = None  # pen strokes written into a blank number space


def render_admin_page(
    page: AdminPage,
    path: Path,
    level: scans.Level = "light",
    *,
    seal: bool = False,
    pen_colour: tuple[int, int, int] | None = None,
) -> Path:
    """An A4 page at 200 dpi laid out as Nghị định 30/2020 prescribes, scanned at ``level``;
    ``seal``: a red seal pressed over the signature block; ``pen_colour``: the handwritten
    number written in that colour after the scan's damage, its stroke reaching into the
    code's first letter (the page is then in colour)."""
    sheet = _Sheet()
    number_y, pen_strokes = _header(sheet, page, in_grey=pen_colour is None)
    y = _title_block(sheet, page, number_y)
    y = _body_and_closing(sheet, page, y)
    damaged = Image.fromarray(scans.degrade(np.array(sheet.image), level, seed=5))
    if seal:
        damaged = press_seal(damaged, (RIGHT - 10, y + 170))
    if pen_colour is not None and pen_strokes is not None:  # the clerk's pen after printing
        damaged = _pen_in_colour(damaged, page.handwritten_number or "", pen_strokes, pen_colour)
    damaged.save(path, dpi=(200, 200))
    return path


LEFT, RIGHT, CENTRE = 400, 1130, 827  # x of the left block's, the right block's, the page's axis
PenStrokes = tuple[float, float, int, ImageFont.FreeTypeFont]  # x0, x1 of the blank, y, pen


class _Sheet:
    """A blank A4 page at 200 dpi with the fonts of the print."""

    def __init__(self) -> None:
        self.image = Image.new("L", (1654, 2339), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.regular = ImageFont.truetype(FONTS + "Regular.ttf", 34)
        self.bold = ImageFont.truetype(FONTS + "Bold.ttf", 34)
        self.italic = ImageFont.truetype(FONTS + "Italic.ttf", 34)
        self.small = ImageFont.truetype(FONTS + "Regular.ttf", 28)

    def centred(self, x: float, y: float, text: str, font: ImageFont.FreeTypeFont) -> None:
        self.draw.text((x - self.draw.textlength(text, font=font) / 2, y), text, font=font, fill=0)


def _header(sheet: _Sheet, page: AdminPage, in_grey: bool) -> tuple[int, PenStrokes | None]:
    """The two header blocks: issuer and number left (the handwritten number in grey pen
    unless it is written in colour later), motto and place-date right. Returns the number
    line's y and where a pen writes the number."""
    y = 140
    for row, name in enumerate(page.issuer):
        font = sheet.bold if row == len(page.issuer) - 1 else sheet.regular
        sheet.centred(LEFT, y + row * 45, name, font)
    number_y = y + 45 * len(page.issuer) + 50
    sheet.centred(LEFT, number_y, page.number, sheet.regular)
    pen_strokes = None
    if page.handwritten_number:  # pen strokes over the dots of the blank, not the code
        draw = sheet.draw
        start = LEFT - draw.textlength(page.number, font=sheet.regular) / 2
        blank = page.number.split("/")[0]
        x0 = start + draw.textlength(blank.split(".")[0], font=sheet.regular)
        x1 = start + draw.textlength(blank, font=sheet.regular)
        pen = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", 40)
        pen_strokes = (x0, x1, number_y, pen)
        if in_grey:
            draw.text((x0 + 4, number_y - 30), page.handwritten_number, font=pen, fill=70)
            draw.line([(x0, number_y + 28), (x1 - 6, number_y - 2)], fill=60, width=3)
    sheet.centred(RIGHT, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sheet.bold)
    sheet.centred(RIGHT, y + 45, "Độc lập - Tự do - Hạnh phúc", sheet.bold)
    sheet.centred(RIGHT, number_y, page.place_date, sheet.italic)
    return number_y, pen_strokes


def _title_block(sheet: _Sheet, page: AdminPage, number_y: int) -> int:
    """A công văn's V/v lines under the number, or the heading, title and authority across
    the page; returns the y the body starts at."""
    y = number_y + 90
    if page.heading is None:  # a công văn: the V/v lines under the number, left block
        for row, text in enumerate(page.title):
            sheet.centred(LEFT, number_y + 50 + row * 40, text, sheet.small)
        y = number_y + 70 + 40 * len(page.title)
    else:
        sheet.centred(CENTRE, y, page.heading, sheet.bold)
        for row, text in enumerate(page.title):
            sheet.centred(CENTRE, y + 50 + row * 45, text, sheet.bold)
        y += 70 + 45 * len(page.title)
        if page.authority:
            sheet.centred(CENTRE, y + 20, page.authority, sheet.bold)
            y += 80
    return y + 40


def _body_and_closing(sheet: _Sheet, page: AdminPage, y: int) -> int:
    """The body lines, then "Nơi nhận:" left and the signature block right of it; returns
    the closing's y."""
    for text in page.body:
        sheet.draw.text((180, y), text, font=sheet.regular, fill=0)
        y += 55
    y += 60
    heading = ImageFont.truetype(FONTS + "BoldItalic.ttf", 28)
    sheet.draw.text((180, y), "Nơi nhận:", font=heading)
    for row, text in enumerate(page.recipients):
        sheet.draw.text((180, y + 42 + row * 38), text, font=sheet.small, fill=0)
    for row, text in enumerate(page.signature[:-1]):
        font = sheet.bold if not text.startswith("(") else sheet.italic
        sheet.centred(RIGHT + 40, y + row * 46, text, font)
    sheet.centred(RIGHT + 40, y + 330, page.signature[-1], sheet.bold)
    return y


def _pen_in_colour(
    damaged: Image.Image, number: str, strokes: PenStrokes, colour: tuple[int, int, int]
) -> Image.Image:
    """The number written in ``colour`` over the scanned page, its stroke reaching into the
    code's first letter."""
    x0, x1, number_y, pen = strokes
    ink = Image.new("RGB", damaged.size, (255, 255, 255))
    written = ImageDraw.Draw(ink)
    written.text((x0 + 4, number_y - 30), number, font=pen, fill=colour)
    written.line([(x0, number_y + 28), (x1 + 14, number_y - 2)], fill=colour, width=3)
    return ImageChops.multiply(damaged.convert("RGB"), ink)


def press_seal(image: Image.Image, centre: tuple[float, float], radius: int = 170) -> Image.Image:
    """A round red seal as offices press it over the signature: two rings, a star, the
    lettering of the body's name round the edge; the ink darkens the paper and the print
    under it as ink does (multiplied), so black print stays black."""
    page = image.convert("RGB")
    ink = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(ink)
    x, y = centre
    red = (205, 30, 40)
    for r, width in ((radius, 9), (radius - 52, 4)):
        draw.ellipse((x - r, y - r, x + r, y + r), outline=red, width=width)
    star = [
        (x + (60 if k % 2 == 0 else 24) * np.sin(k * np.pi / 5),
         y - (60 if k % 2 == 0 else 24) * np.cos(k * np.pi / 5))
        for k in range(10)
    ]  # fmt: skip
    draw.polygon(star, fill=red)
    font = ImageFont.truetype(FONTS + "Bold.ttf", 30)
    for k, letter in enumerate("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"):
        angle = -0.75 * np.pi + k * 1.5 * np.pi / 27
        lx, ly = x + (radius - 28) * np.cos(angle), y + (radius - 28) * np.sin(angle)
        draw.text((lx - 10, ly - 16), letter, font=font, fill=red)
    return ImageChops.multiply(page, ink)


RECIPIENTS = ["- Như trên;", "- Lưu: VT."]
LAYOUT_KINDS: dict[str, AdminPage] = {
    "cong_van": AdminPage(
        issuer=["UBND HUYỆN ĐÔNG ANH", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"],
        number="Số: 215/TCKH-NS",
        place_date="Đông Anh, ngày 12 tháng 3 năm 2024",
        title=["V/v rà soát kinh phí hỗ trợ", "hộ nghèo năm 2024"],
        body=[
            "Kính gửi: Ủy ban nhân dân các xã, thị trấn.",
            "Căn cứ Quyết định số 45/QĐ-UBND ngày 19/6/2015 của Ủy ban nhân dân",
            "huyện về việc giao dự toán ngân sách, Phòng Tài chính - Kế hoạch đề nghị",
            "các xã rà soát và báo cáo trước ngày 30/3/2024.",
        ],
        recipients=RECIPIENTS,
        signature=["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Trần Thị Hoa"],
    ),
    "quyet_dinh_chu_tich": AdminPage(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"],
        number="Số: 1520/QĐ-UBND",
        place_date="Tam Kỳ, ngày 20 tháng 5 năm 2022",
        heading="QUYẾT ĐỊNH",
        title=["Về việc thành lập Tổ công tác rà soát", "thủ tục hành chính năm 2022"],
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
        body=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Xét đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.",
            "Điều 1. Thành lập Tổ công tác rà soát thủ tục hành chính.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        ],
        recipients=["- Như Điều 2;", "- Lưu: VT."],
        signature=["CHỦ TỊCH", "Lê Văn Dũng"],
    ),
    "nghi_dinh": AdminPage(
        issuer=["CHÍNH PHỦ"],
        number="Số: 45/2021/NĐ-CP",
        place_date="Hà Nội, ngày 31 tháng 3 năm 2021",
        heading="NGHỊ ĐỊNH",
        title=["Quy định chi tiết thi hành một số điều của Luật Thú y"],
        body=[
            "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
            "Theo đề nghị của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn;",
            "Chính phủ ban hành Nghị định quy định chi tiết thi hành Luật Thú y.",
            "Điều 1. Phạm vi điều chỉnh",
        ],
        recipients=["- Ban Bí thư Trung ương Đảng;", "- Lưu: VT, NN."],
        signature=["TM. CHÍNH PHỦ", "THỦ TƯỚNG", "(Đã ký)", "Nguyễn Văn Bình"],
    ),
    "bao_cao": AdminPage(
        issuer=["UBND TỈNH BÌNH DƯƠNG", "SỞ TƯ PHÁP"],
        number="Số: 88/BC-STP",
        place_date="Bình Dương, ngày 05 tháng 12 năm 2023",
        heading="BÁO CÁO",
        title=["Kết quả công tác tư pháp năm 2023", "và phương hướng nhiệm vụ năm 2024"],
        body=[
            "I. KẾT QUẢ ĐẠT ĐƯỢC",
            "1. Công tác xây dựng và kiểm tra văn bản quy phạm pháp luật được",
            "thực hiện theo Kế hoạch số 12/KH-UBND ngày 15/01/2023 của Ủy ban nhân dân tỉnh.",
        ],
        recipients=["- UBND tỉnh;", "- Lưu: VT, VP."],
        signature=["GIÁM ĐỐC", "Phạm Văn Tâm"],
    ),
    "so_viet_tay": AdminPage(
        issuer=["ỦY BAN NHÂN DÂN", "HUYỆN NGA SƠN"],
        number="Số: ........./UBND-VP",
        place_date="Nga Sơn, ngày      tháng 4 năm 2020",
        title=["V/v báo cáo tình hình thực hiện", "chính sách hỗ trợ người lao động"],
        body=[
            "Kính gửi: Ủy ban nhân dân các xã, thị trấn.",
            "Thực hiện Công văn số 1021/SLĐTBXH-BTXH ngày 09/4/2020 của Sở Lao động -",
            "Thương binh và Xã hội, Ủy ban nhân dân huyện đề nghị các xã báo cáo.",
        ],
        recipients=RECIPIENTS,
        signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hùng"],
        handwritten_number="1113",
    ),
    "bao_cao_xa": AdminPage(  # a commune's report: two names, wrapped, the lower ones alone
        issuer=["ỦY BAN NHÂN DÂN HUYỆN", "MƯỜNG TÈ", "ỦY BAN NHÂN DÂN", "XÃ KA LĂNG"],
        number="Số: 235/BC-UBND",
        place_date="Ka Lăng, ngày 03 tháng 11 năm 2019",
        heading="BÁO CÁO",
        title=["Kết quả thực hiện công tác giảm nghèo bền vững"],
        body=[
            "Thực hiện Kế hoạch số 17/KH-UBND ngày 24/02/2019 của Ủy ban nhân dân huyện,",
            "Ủy ban nhân dân xã Ka Lăng báo cáo kết quả như sau:",
        ],
        recipients=["- UBND huyện;", "- Lưu: VT."],
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lò Văn Sơn"],
    ),
}

# What a reader finds on each page of LAYOUT_KINDS (bench/metadata.py scores against it).
LAYOUT_TRUTH: dict[str, dict[str, object]] = {
    "cong_van": {
        "so_hieu": "215/TCKH-NS", "loai_van_ban": "Công văn", "ngay_ban_hanh": "2024-03-12",
        "dia_danh": "Đông Anh", "co_quan_ban_hanh.ten": "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        "co_quan_ban_hanh.cap_tren": "UBND HUYỆN ĐÔNG ANH",
        "trich_yeu": "V/v rà soát kinh phí hỗ trợ hộ nghèo năm 2024",
        "nguoi_ky.chuc_vu": "PHÓ TRƯỞNG PHÒNG", "nguoi_ky.ho_ten": "Trần Thị Hoa",
    },
    "quyet_dinh_chu_tich": {
        "so_hieu": "1520/QĐ-UBND", "loai_van_ban": "Quyết định", "ngay_ban_hanh": "2022-05-20",
        "dia_danh": "Tam Kỳ", "co_quan_ban_hanh.ten": "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
        "co_quan_ban_hanh.cap_tren": None,
        "trich_yeu": "Về việc thành lập Tổ công tác rà soát thủ tục hành chính năm 2022",
        "nguoi_ky.chuc_vu": "CHỦ TỊCH", "nguoi_ky.ho_ten": "Lê Văn Dũng",
    },
    "nghi_dinh": {
        "so_hieu": "45/2021/NĐ-CP", "loai_van_ban": "Nghị định", "ngay_ban_hanh": "2021-03-31",
        "dia_danh": "Hà Nội", "co_quan_ban_hanh.ten": "CHÍNH PHỦ",
        "co_quan_ban_hanh.cap_tren": None,
        "trich_yeu": "Quy định chi tiết thi hành một số điều của Luật Thú y",
        "nguoi_ky.chuc_vu": "THỦ TƯỚNG", "nguoi_ky.ho_ten": "Nguyễn Văn Bình",
    },
    "bao_cao": {
        "so_hieu": "88/BC-STP", "loai_van_ban": "Báo cáo", "ngay_ban_hanh": "2023-12-05",
        "dia_danh": "Bình Dương", "co_quan_ban_hanh.ten": "SỞ TƯ PHÁP",
        "co_quan_ban_hanh.cap_tren": "UBND TỈNH BÌNH DƯƠNG",
        "trich_yeu": "Kết quả công tác tư pháp năm 2023 và phương hướng nhiệm vụ năm 2024",
        "nguoi_ky.chuc_vu": "GIÁM ĐỐC", "nguoi_ky.ho_ten": "Phạm Văn Tâm",
    },
    "so_viet_tay": {
        "so_hieu": None, "ky_hieu": "UBND-VP", "loai_van_ban": "Công văn",
        "ngay_ban_hanh": "2020-04", "dia_danh": "Nga Sơn",
        "co_quan_ban_hanh.ten": "ỦY BAN NHÂN DÂN HUYỆN NGA SƠN",
        "co_quan_ban_hanh.cap_tren": None,
        "trich_yeu": "V/v báo cáo tình hình thực hiện chính sách hỗ trợ người lao động",
        "nguoi_ky.chuc_vu": "PHÓ CHỦ TỊCH", "nguoi_ky.ho_ten": "Lê Văn Hùng",
    },
    "bao_cao_xa": {
        "so_hieu": "235/BC-UBND", "loai_van_ban": "Báo cáo", "ngay_ban_hanh": "2019-11-03",
        "dia_danh": "Ka Lăng", "co_quan_ban_hanh.ten": "ỦY BAN NHÂN DÂN XÃ KA LĂNG",
        "co_quan_ban_hanh.cap_tren": "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ",
        "trich_yeu": "Kết quả thực hiện công tác giảm nghèo bền vững",
        "nguoi_ky.chuc_vu": "CHỦ TỊCH", "nguoi_ky.ho_ten": "Lò Văn Sơn",
    },
}  # fmt: skip
