"""The case managers' pages: the client workspace (profile, matched services, reasons) and the referral handout."""
