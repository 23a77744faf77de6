"""SendKit's resources: typed endpoint methods that mirror its URL paths (no HTTP here)."""
