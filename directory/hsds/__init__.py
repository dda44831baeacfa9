"""Open Referral HSDS interchange: import and export."""
