"""The import page's upload form, as a WTForms form: one file (a .zip of an HSDS datapackage, or a .json file)
and whether to import the valid records of a file that has invalid ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from werkzeug.datastructures import FileStorage
from wtforms import BooleanField, Field, FileField, Form
from wtforms.validators import StopValidation

from directory import locales

EXTENSIONS = (".zip", ".json")


def _(text: str, **values: Any) -> str:
    return locales.translated().gettext(text, **values)


class ImportForm(Form):
    file = FileField()
    skip_invalid = BooleanField(false_values=(False, "false", "", "off"))

    @property
    def sent(self) -> FileStorage:
        """The file sent (once the form is valid)."""
        sent: FileStorage = self.file.data
        return sent

    @property
    def original(self) -> str:
        """The file's name as the coordinator knows it (without a folder, whatever the browser sent)."""
        return Path(str(self.sent.filename).replace("\\", "/")).name

    @property
    def extension(self) -> str:
        return Path(self.original).suffix.lower()

    @property
    def problem(self) -> str:
        """What is wrong with the upload, in the reader's words."""
        return self.file.errors[0] if self.file.errors else ""

    def validate_file(self, field: Field) -> None:
        if not isinstance(field.data, FileStorage) or not field.data.filename:
            raise StopValidation(_("Choose a file to import: a .zip of an HSDS datapackage, or a .json file."))
        if self.extension in EXTENSIONS:
            return
        if self.extension:
            raise StopValidation(
                _(
                    "%(file)s is a %(extension)s file: upload a .zip of an HSDS datapackage, or a .json file.",
                    file=self.original,
                    extension=self.extension,
                )
            )
        raise StopValidation(
            _(
                "%(file)s is a file with no extension: upload a .zip of an HSDS datapackage, or a .json file.",
                file=self.original,
            )
        )
