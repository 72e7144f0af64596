"""Subcommands of the ``orgeditor`` command line, one module per area, loaded lazily."""
