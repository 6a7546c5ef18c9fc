"""``python -m crystalbay.rules CASES.json [--misses]``: the rules assistant's accuracy table."""

from crystalbay.rules.eval import main

raise SystemExit(main())
