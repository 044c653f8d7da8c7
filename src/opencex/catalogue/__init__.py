"""The catalogue: services, service areas, teams, topics and their service standards."""
