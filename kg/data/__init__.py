"""Data files shipped with kg: the default topic schemes."""
