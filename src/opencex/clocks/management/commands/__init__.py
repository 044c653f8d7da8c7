"""The clocks app's commands: `deadline`."""
