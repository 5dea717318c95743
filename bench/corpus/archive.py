"""Archives: many documents of ONE issuer sharing its local names (for bench/learn.py).

    archive(seed) -> Archive          an issuer and its local names (communes, villages,
                                      cooperatives, canals, fields, officials, products)
    documents(archive, count) -> [ArchiveDoc]   its documents: title, body, signature

A real archive repeats what the shipped model has never seen: the names of one district's
communes and villages, its cooperatives and canals, its officials. The names are made of
ordinary Vietnamese syllables (place-name syllables, documents.FAMILY/MIDDLE/GIVEN) put
together at random per archive, so their syllables are in any lexicon but their pairs are
new, as a real place name's are. Each document mixes sentences naming these (who / does
what / where: 630 administrative shapes) with the generator's body sentences
(documents.sentences(): software messages the restorer's model has not seen).
Deterministic per seed; nothing here is in the restorer's model; seed 002 is used nowhere.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .vocabulary import FAMILY, GIVEN, MIDDLE, TOPICS, sentences

PLACE_SYLLABLES = [
    "An", "Bình", "Phú", "Thạnh", "Lộc", "Quỳnh", "Diễn", "Nghĩa", "Hưng", "Thạch", "Tân",
    "Đông", "Tây", "Mỹ", "Hòa", "Xuân", "Yên", "Vĩnh", "Phước", "Hiệp", "Trung", "Sơn", "Thủy",
    "Hải", "Lâm", "Đức", "Thượng", "Hạ", "Cẩm", "Kỳ", "Quế", "Đồng", "Hợp", "Thịnh", "Lạc",
    "Ninh", "Tiến", "Thái", "Khánh", "Tường", "Nghi", "Quảng", "Triệu", "Hương", "Phong",
    "Điền", "Cát", "Liêm", "Đoài", "Bái", "Trạch", "Ngọc", "Lũng", "Gia", "Kiều", "Uyên", "Vũ",
    "Bảo", "Lĩnh", "Tuyên", "Định", "Hoằng", "Quất", "Dương", "Trà", "Kim", "Mai", "Lương",
    "Châu", "Hồ",
]  # fmt: skip
PRODUCTS = ["lúa chất lượng cao", "nhãn lồng", "chè búp", "cói", "muối", "rau an toàn",
            "cá nước ngọt", "mía đường", "lạc giống", "bưởi", "dưa hấu", "nấm rơm"]  # fmt: skip
OFFICES = ["Tài nguyên và Môi trường", "Nông nghiệp và Phát triển nông thôn",
           "Tài chính - Kế hoạch", "Văn hóa và Thông tin", "Kinh tế và Hạ tầng",
           "Lao động - Thương binh và Xã hội"]  # fmt: skip
# A sentence naming the archive's places: who, does what, where (10 x 9 x 7 shapes).
WHO = ["Ủy ban nhân dân xã {xa}", "Hợp tác xã {htx}", "Ông {nguoi}, Trưởng thôn {thon},",
       "Bà {nguoi}, cán bộ địa chính xã {xa},", "Phòng {office} huyện {huyen}",
       "Trạm y tế xã {xa}", "Nhân dân thôn {thon}", "Ban quản lý chợ {cho}",
       "Đoàn thanh niên xã {xa2}", "Hội Nông dân xã {xa}"]  # fmt: skip
DOES = ["phối hợp với {other} triển khai {topic}", "báo cáo tình hình {topic}",
        "đề nghị hỗ trợ giống {product} cho {other}", "tổ chức kiểm tra việc {topic}",
        "hoàn thành việc {topic} trong tháng {thang}", "tiếp tục sản xuất {product}",
        "nạo vét tuyến kênh {kenh}", "sửa chữa đường từ chợ {cho} đến bến đò {ben}",
        "vận động nhân dân tham gia {topic}"]  # fmt: skip
WHERE = ["tại thôn {thon}", "trên địa bàn xã {xa}", "tại cánh đồng {dong}",
         "dọc tuyến kênh {kenh}", "ở thôn {thon} và thôn {thon2}", "gần chợ {cho}",
         "thuộc xã {xa2}"]  # fmt: skip
OTHERS = ["thôn {thon2}", "Hợp tác xã {htx}", "xã {xa2}", "các hộ dân thôn {thon2}"]


@dataclass(frozen=True)
class Archive:
    seed: int
    huyen: str  # the issuing district
    xa: tuple[str, ...]  # communes
    thon: tuple[str, ...]  # villages
    htx: tuple[str, ...]  # cooperatives
    kenh: tuple[str, ...]  # canals
    dong: tuple[str, ...]  # fields
    cho: tuple[str, ...]  # markets and ferries
    nguoi: tuple[str, ...]  # officials
    chu_tich: str  # the district chairman who signs


@dataclass(frozen=True)
class ArchiveDoc:
    id: str
    title: list[str]
    body: list[str]
    signature: list[str]
    generic: tuple[int, ...] = ()  # body paragraphs that are the generator's sentences

    def generic_text(self) -> str:
        """The body paragraphs that name nothing of the archive (a control)."""
        return "\n".join(self.body[i] for i in self.generic)

    def text(self) -> str:
        """The whole printed text, one paragraph a line (what WER is scored on)."""
        return "\n".join([*self.title, *self.body, *self.signature])


def _names(rng: random.Random, count: int, syllables: int = 2) -> tuple[str, ...]:
    found: list[str] = []
    while len(found) < count:
        name = " ".join(rng.sample(PLACE_SYLLABLES, syllables))
        if name not in found:
            found.append(name)
    return tuple(found)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def archive(seed: int) -> Archive:
    rng = random.Random(f"sohoa-archive:{seed}")
    return Archive(
        seed=seed,
        huyen=" ".join(rng.sample(PLACE_SYLLABLES, 2)),
        xa=_names(rng, 6),
        thon=_names(rng, 8),
        htx=_names(rng, 3),
        kenh=_names(rng, 3),
        dong=_names(rng, 3),
        cho=_names(rng, 3),
        nguoi=tuple(_person(rng) for _ in range(6)),
        chu_tich=_person(rng),
    )


def _sentence(rng: random.Random, a: Archive) -> str:
    xa, xa2 = rng.sample(a.xa, 2)
    thon, thon2 = rng.sample(a.thon, 2)
    cho, ben = rng.sample(a.cho, 2)
    shape = f"{rng.choice(WHO)} {rng.choice(DOES)} {rng.choice(WHERE)}."
    shape = shape.replace("{other}", rng.choice(OTHERS))
    return shape.format(
        xa=xa, xa2=xa2, thon=thon, thon2=thon2, htx=rng.choice(a.htx), kenh=rng.choice(a.kenh),
        dong=rng.choice(a.dong), cho=cho, ben=ben, nguoi=rng.choice(a.nguoi),
        product=rng.choice(PRODUCTS), office=rng.choice(OFFICES), huyen=a.huyen,
        topic=rng.choice(TOPICS), thang=rng.randint(1, 12),
    )  # fmt: skip


def names(a: Archive) -> list[str]:
    """Every name of the archive (places, bodies, people), as printed."""
    return [a.huyen, *a.xa, *a.thon, *a.htx, *a.kenh, *a.dong, *a.cho, *a.nguoi, a.chu_tich]


def documents(a: Archive, count: int = 12) -> list[ArchiveDoc]:
    """``count`` documents of the archive: 8-12 paragraphs each, half of them naming its
    places, half the generator's body sentences."""
    pool = sentences()
    docs = []
    for number in range(count):
        rng = random.Random(f"sohoa-archive:{a.seed}:{number}")
        kind = rng.choice(["BÁO CÁO", "KẾ HOẠCH", "THÔNG BÁO", "QUYẾT ĐỊNH"])
        title = [kind, f"Về {rng.choice(TOPICS)} trên địa bàn huyện {a.huyen}"]
        body, generic = [], []
        for _ in range(rng.randint(8, 12)):
            if rng.random() < 1 / 2:
                body.append(" ".join(_sentence(rng, a) for _ in range(rng.randint(1, 2))))
            else:
                generic.append(len(body))
                body.append(rng.choice(pool))
        signature = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", a.chu_tich]
        docs.append(ArchiveDoc(f"a{a.seed}-{number:02d}", title, body, signature, tuple(generic)))
    return docs
