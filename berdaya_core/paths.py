"""Where the bundled data lives."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FRAMEWORK_DIR = DATA_DIR / "frameworks"
STATIC_DIR = ROOT / "static"
