"""Search that understands residents' words: one ranking for the site and the API."""
