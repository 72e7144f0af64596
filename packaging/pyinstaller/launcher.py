"""Entry point of the frozen orgeditor: the same as the ``orgeditor`` command."""

from orgeditor.cli import main

if __name__ == "__main__":
    main()
