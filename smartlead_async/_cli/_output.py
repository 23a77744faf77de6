"""The output file: appended page by page, each page flushed and fsynced before it counts."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from types import TracebackType

from ._errors import CliError, ExitCode

__all__ = ["OutputFile", "check_output_path"]


def check_output_path(path: Path) -> None:
    """Refuse, before any request, an ``--out`` that cannot hold a resumable export.

    The checkpoint goes next to the output (``OUT.checkpoint.json``): a device such as
    ``/dev/full`` or a pipe would put it in ``/dev``, and could not be fsynced or cut back.

    Raises:
        CliError: a directory, a device or pipe, or no such directory (exit code 6).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise CliError(
                f"cannot write --out {path}: {path.parent} is not a directory", ExitCode.FILE
            ) from None
        return
    except OSError as error:
        raise CliError(f"cannot write --out {path}: {error.strerror}", ExitCode.FILE) from None
    if stat.S_ISDIR(mode):
        raise CliError(f"cannot write --out {path}: it is a directory", ExitCode.FILE)
    if not stat.S_ISREG(mode):
        raise CliError(
            f"cannot write --out {path}: not a regular file (a device or a pipe cannot hold an "
            "export that can be resumed)",
            ExitCode.FILE,
        )


class OutputFile:
    """An export's output, always ending on a whole page when a write fails or is interrupted.

    Use :meth:`create` for a new export and :meth:`reopen` to resume one.
    """

    def __init__(self, path: Path, file: io.FileIO, size: int) -> None:
        self.path = path
        self._file = file
        self.size = size

    @classmethod
    def create(cls, path: Path, header: bytes) -> OutputFile:
        """Start a new (or overwrite an old) output holding just ``header``.

        Raises:
            CliError: the path cannot be written, or the header not (exit code 6; no file is
                left behind).
        """
        try:
            file = open(path, "wb", buffering=0)  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise CliError(f"cannot write --out {path}: {error.strerror}", ExitCode.FILE) from None
        output = cls(path, file, 0)
        try:
            output.append(header)
        except OSError as error:
            output.close()
            path.unlink(missing_ok=True)
            raise CliError(f"cannot write --out {path}: {error.strerror}", ExitCode.FILE) from None
        return output

    @classmethod
    def reopen(cls, path: Path, size: int) -> OutputFile:
        """Reopen an output to resume it, cutting it back to ``size`` bytes.

        Raises:
            CliError: the file is missing or shorter than ``size`` (exit code 2), or cannot be
                opened for writing (exit code 6).
        """
        try:
            file = open(path, "r+b", buffering=0)  # noqa: SIM115 - closed by close()
        except OSError as error:
            code = ExitCode.USAGE if isinstance(error, FileNotFoundError) else ExitCode.FILE
            raise CliError(f"cannot resume --out {path}: {error.strerror}", code) from None
        actual = os.fstat(file.fileno()).st_size
        if actual < size:
            file.close()
            raise CliError(
                f"cannot resume: {path} has {actual} bytes but its checkpoint records {size}; "
                "run without --resume to start over",
                ExitCode.USAGE,
            )
        file.truncate(size)
        file.seek(size)
        return cls(path, file, size)

    def append(self, data: bytes) -> int:
        """Append ``data`` durably (flush + fsync) and return the new size.

        If anything interrupts the write (an error, a second Ctrl-C), the file is cut back to
        its previous size before the exception goes on.
        """
        if not data:
            return self.size
        try:
            view = memoryview(data)
            while view:  # unbuffered: a failed write leaves nothing pending in a buffer
                view = view[self._file.write(view) or 0 :]
            os.fsync(self._file.fileno())
        except BaseException:
            self._rollback()
            raise
        self.size += len(data)
        return self.size

    def _rollback(self) -> None:
        try:
            self._file.truncate(self.size)
            self._file.seek(self.size)
        except (OSError, ValueError):
            pass  # the resume truncates to the checkpoint's length anyway

    def close(self) -> None:
        """Close the file."""
        self._file.close()

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
