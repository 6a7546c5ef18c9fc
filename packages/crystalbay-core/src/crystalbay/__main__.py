"""``python -m crystalbay``: the same program as ``crystalbay``."""

from crystalbay.cli import main

if __name__ == "__main__":
    main()
