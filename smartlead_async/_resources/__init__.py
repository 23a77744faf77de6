"""Resources: typed endpoint methods that mirror the API's URL paths (no HTTP here)."""
