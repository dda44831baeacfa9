"""The resource coordinators' pages: listings to check, quick fixes, the editor, criteria, history, suggestions,
import and export."""
