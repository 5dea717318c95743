"""A decision page laid out as Nghị định 30/2020/NĐ-CP prescribes, scanned: for metadata tests
and bench/metadata.py.

The header is two columns (issuer and number left; motto, place and date right), the
signature block sits right of the recipients — the layout Tesseract reads line by line
across both columns. ``DECISION`` holds what a reader finds on the page.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scans
from PIL import Image, ImageDraw, ImageFont

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
