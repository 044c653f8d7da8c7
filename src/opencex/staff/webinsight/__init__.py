"""The web measures page for managers: page usefulness, searches, form drop-off."""
