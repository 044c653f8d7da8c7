"""You said, we did: changes the council made because of residents' feedback, the feedback
behind each, publishing them, and telling the residents who asked to hear."""
