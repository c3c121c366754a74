"""Where Netral lives on disk and where its settings come from: the environment, then a ``.env``
file at the top of the checkout for what the environment does not set (django-environ)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
