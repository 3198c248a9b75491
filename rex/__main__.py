"""Allow ``python -m rex``."""

from .cli import main

main()
