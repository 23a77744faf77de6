"""The ``smartlead-async`` command line (installed with ``pip install 'smartlead-async[cli]'``).

Private: the commands, options and exit codes are the interface, not these modules.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI (the ``smartlead-async`` console script and ``python -m smartlead_async``)."""
    try:
        from ._app import cli
    except ImportError as error:  # click or rich missing: the [cli] extra is not installed
        sys.stderr.write(
            f"smartlead-async: the command line needs the 'cli' extra ({error.name} is missing):"
            " pip install 'smartlead-async[cli]'\n"
        )
        raise SystemExit(1) from None
    cli.main(args=list(argv) if argv is not None else None, prog_name="smartlead-async")
