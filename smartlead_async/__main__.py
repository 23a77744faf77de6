"""``python -m smartlead_async``: the command line (needs the ``cli`` extra)."""

from smartlead_async._cli import main

if __name__ == "__main__":
    main()
