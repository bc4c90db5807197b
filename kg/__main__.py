"""`python -m kg` is the `kg` command."""

from .cli import main

raise SystemExit(main())
