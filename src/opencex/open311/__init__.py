"""Open311 GeoReport v2 at /open311/v2/: report-it services (FixMyStreet and others) post
straight into cases and read their status back. An interface app: it parses, calls
`cases.actions.opening.open_case`, and renders the specification's JSON and XML."""
