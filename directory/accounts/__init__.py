"""Accounts: people who sign in (case managers, coordinators, admins). The minimal first version: users,
hashed passwords, sign-in and sign-out; roles, tokens and rate limits grow with the coordinators' issue."""
