"""Entry point of the frozen orgeditor: the same as the ``orgeditor`` command."""

from orgeditor.cli import run

if __name__ == "__main__":
    run()
