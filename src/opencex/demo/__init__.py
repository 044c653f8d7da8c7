"""The demo council: loads the Oxford profile's catalogue, staff and a synthetic history."""
