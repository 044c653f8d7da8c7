"""The council profile: who the council is, how residents reach it, and its calendar region."""
