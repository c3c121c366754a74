"""Pieces shared by the forms of the server-rendered pages."""


class FocusFirstError:
    """A form shown again with errors puts the cursor in its first field in error.

    A keyboard or screen-reader user lands where the fix is needed, not at the top of the page
    or in another form (WCAG 3.3.1). The attribute is set on this form's own copy of the widget.
    """

    def full_clean(self):
        super().full_clean()
        first = next((name for name in self.fields if name in self.errors), None)
        if first is not None:
            self.fields[first].widget.attrs["autofocus"] = True
