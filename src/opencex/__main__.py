"""`python -m opencex ...`: the `opencex` command, as `opencex serve` starts its task workers."""

from opencex.cli import main

main()
