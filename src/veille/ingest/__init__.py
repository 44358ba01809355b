"""Readers: files, directories and stdin to Documents (or Failures naming file and line)."""
from .readers import read_sources

__all__ = ["read_sources"]
