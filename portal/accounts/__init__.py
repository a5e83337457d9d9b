"""Accounts: login by NIP or e-mail (allauth), activation of register employees, no sign-up."""
