"""Urgency cues (issue 16): words in a new case that need a human to look soon (no heating, gas
smell, threats, self-harm...), found in English, Polish and Arabic. A cue raises the case's
priority through the cases app's one door, is recorded as an AI suggestion with the model's
version, and is shown to the officers who may see the case, who confirm or dismiss it. It never
writes to the resident, routes or closes anything. docs/urgency-cues.md."""
