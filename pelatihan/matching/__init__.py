"""Matching employees' gaps to training sessions: ``engine`` scores (pure), ``data`` loads."""
