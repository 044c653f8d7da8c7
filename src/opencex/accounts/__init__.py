"""Sign-in accounts for staff and residents, and the roles that decide what each may do."""
