"""The OS errors a user can fix get a line naming the fix, not "please report it"."""

import errno

from sohoa.errors import InputError, SetupError, SohoaError, os_error_line


def test_known_os_errors_name_their_fix() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/out/a.pdf")
    assert os_error_line(full) == (
        "/out/a.pdf: no space left on the device — free some space, then run the same command again"
    )
    long_name = OSError(errno.ENAMETOOLONG, "File name too long", "/out/x.json")
    line = os_error_line(long_name, "in/x.txt")
    assert line and line.startswith("in/x.txt: file name too long (/out/x.json) — shorten")
    denied = os_error_line(PermissionError(errno.EACCES, "Permission denied", "/out/sub"))
    assert denied and "permission denied" in denied and "check the permissions" in denied
    assert os_error_line(OSError(errno.EIO, "Input/output error", "/dev/sdz")) is None


def test_input_and_setup_errors_are_sohoa_errors_with_one_line() -> None:
    assert isinstance(InputError("a.pdf", "is encrypted", "remove the password"), SohoaError)
    error = SetupError("--lang xyz", "Tesseract has no 'xyz' language data", "apt-get install")
    assert str(error) == "--lang xyz: Tesseract has no 'xyz' language data — apt-get install"
