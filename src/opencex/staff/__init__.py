"""The staff workspace: thin views and templates over the domain apps."""
