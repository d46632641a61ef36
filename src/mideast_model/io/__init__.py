"""Reading and writing: canonical JSON and atomic file output."""

from mideast_model.io.atomic import atomic_write
from mideast_model.io.canonical import FORMAT, VERSION, dump, dumps, from_dict, load, loads, to_dict

__all__ = ["FORMAT", "VERSION", "atomic_write", "dump", "dumps", "from_dict", "load", "loads", "to_dict"]
