"""Bringing an existing archive in: items read from another system's export or feed,
turned into articles of this site's schema, written once and kept in step on a re-run."""
