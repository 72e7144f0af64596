"""``python -m orgeditor``: the same as the ``orgeditor`` command."""

if __name__ == "__main__":
    import gc

    # start-up makes thousands of objects that live as long as the process (modules, classes,
    # the command's parser) and no garbage: the cyclic collector's passes over them while they
    # are made, and in every full collection after, are pure cost (1% of an export)
    gc.disable()
    from orgeditor.cli import run

    gc.freeze()
    gc.enable()
    run()
