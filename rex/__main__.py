"""Allow ``python -m rex``."""

from .cli import run

run()
