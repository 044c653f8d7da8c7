"""The tenant portal: council tenancies, rent accounts, repairs and appointment slots, kept in
step with the housing management system through its import interface."""
