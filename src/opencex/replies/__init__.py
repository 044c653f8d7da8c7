"""The council's standard replies: message and letter templates officers start from."""
