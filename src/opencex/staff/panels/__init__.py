"""The Residents Panel and Youth Panel for staff: members, moderation, representativeness."""
