from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from . import signin


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-lg"

    def clean(self):
        locked = signin.lockout(self.cleaned_data.get("username") or "", self.request)
        if locked is not None:
            raise ValidationError(locked.message, code="locked")
        try:
            return super().clean()
        except ValidationError:
            locked = signin.lockout(self.cleaned_data.get("username") or "", self.request)
            if locked is not None:  # this failure used up the allowance
                raise ValidationError(locked.message, code="locked") from None
            raise
