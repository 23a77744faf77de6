"""The package version (hatch reads it from here for the distribution's metadata)."""

__version__ = "0.2.0"
