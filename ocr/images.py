"""Image input (PNG, JPEG, TIFF incl. multi-page): validate sizes, load one frame at a time."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from sohoa.errors import SohoaError
from sohoa.settings import Settings


@contextlib.contextmanager
def _open(path: Path) -> Iterator[Image.Image]:
    """Open without Pillow's own bomb limit: we apply ``settings.max_image_pixels`` ourselves."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            image = Image.open(path)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise SohoaError(
                path, "is not a readable image (corrupt or truncated)", "re-export or re-scan it"
            ) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved
    with image:
        yield image


def _check_size(path: Path, image: Image.Image, frame: int, max_pixels: int) -> None:
    width, height = image.size
    if width * height > max_pixels:
        where = f"frame {frame + 1} is" if frame else "is"
        raise SohoaError(
            path,
            f"{where} too large ({width}×{height} = {width * height / 1e6:.0f} Mpx, limit "
            f"{max_pixels / 1e6:.0f} Mpx; possibly a decompression bomb)",
            "if it is a real scan, save it at 300 dpi (an A4 page is then 9 Mpx) and give that",
        )


def _dpi(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0]))
    except (TypeError, ValueError, IndexError):
        return None
    return value if 50 <= value <= 2400 else None


def inspect_image(path: Path, settings: Settings) -> list[int | None]:
    """Validate every frame's size (headers only); return each frame's dpi if recorded."""
    frames: list[int | None] = []
    with _open(path) as image:
        for index in range(getattr(image, "n_frames", 1)):
            try:
                image.seek(index)
            except EOFError:
                break
            _check_size(path, image, index, settings.max_image_pixels)
            frames.append(_dpi(image))
    if not frames:
        raise SohoaError(path, "has no image frames", "re-export or re-scan it")
    return frames


def load_frame(path: Path, frame: int, settings: Settings, *, gray: bool = True) -> np.ndarray:
    """Decode one frame to uint8 gray (H×W) or RGB (H×W×3), EXIF orientation applied."""
    with _open(path) as image:
        try:
            image.seek(frame)
            _check_size(path, image, frame, settings.max_image_pixels)
            image.load()
            return _to_array(ImageOps.exif_transpose(image), gray)
        except (OSError, EOFError, ValueError, SyntaxError):
            raise SohoaError(
                path,
                f"image data is corrupt or truncated (frame {frame + 1})",
                "re-export or re-scan it",
            ) from None


def _to_array(image: Image.Image, gray: bool) -> np.ndarray:
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = values.max() or 1.0
        image = Image.fromarray((values / top * 255).astype(np.uint8))
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    return np.asarray(image.convert("L" if gray else "RGB")).copy()
