"""Password rules with messages in the interface's language.

Django 5.2's MinimumLengthValidator asks for "…at least %d character." while its catalogues translate
"…at least %(min_length)d character.", so the message stayed English on a Chinese page. This one words
the message itself (msgids are Chinese, English comes from the catalogue)."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "密码太短，至少需要 %(min_length)d 个字符。", "密码太短，至少需要 %(min_length)d 个字符。", self.min_length
        ) % {"min_length": self.min_length}
