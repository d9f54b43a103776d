"""fitroom's shared core: the error type every package raises for bad input, and small file helpers."""

from fitroom.errors import FitroomError
from fitroom.files import atomic_path, cache_dir

__all__ = ["FitroomError", "atomic_path", "cache_dir"]
