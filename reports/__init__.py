"""The clinician's monthly report: data in, figures and a PDF out. Installed as `diary.reports`."""
