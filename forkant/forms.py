from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from forkant import search
from forkant.lib.numbers import AsciiIntegerField
from forkant.models import (
    AMG,
    Organisation,
    Role,
    User,
    WallScreen,
    validate_cvr,
    validate_p_number,
)
from forkant.services import PAIRING_CODE_LENGTH, normalise_pairing_code


class WallScreenForm(forms.Form):
    name = forms.CharField(
        label=_("Navn på skærmen"),
        max_length=100,
        help_text=_("Fx “Personalestuen” eller “Gangen ved kontoret”."),
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Giv skærmen et navn."))
        return name


class ScreenCodeForm(forms.Form):
    """Pair a TV by the code it shows: a new screen (with a name), or one of the AMG's screens
    paired again (e.g. after the TV was reset)."""

    code = forms.CharField(
        label=_("Koden på skærmen"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Skriv koden, som skærmen viser.")},
    )
    screen = forms.ModelChoiceField(
        label=_("Hvilken skærm er det?"),
        queryset=WallScreen.objects.none(),
        required=False,
        empty_label=_("En ny skærm"),
    )
    name = forms.CharField(
        label=_("Navn på den nye skærm"),
        max_length=100,
        required=False,
        help_text=_("Fx “Personalestuen”."),
    )

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["screen"].queryset = WallScreen.objects.filter(amg=amg, revoked_at__isnull=True)

    def clean_code(self) -> str:
        code = normalise_pairing_code(self.cleaned_data["code"])
        if len(code) != PAIRING_CODE_LENGTH:
            raise forms.ValidationError(
                _("Koden har %(n)d tegn, fx “K7P-4QX”.") % {"n": PAIRING_CODE_LENGTH}
            )
        return code

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        data["name"] = " ".join(str(data.get("name") or "").split())
        if not data.get("screen") and not data["name"] and "code" in data:
            self.add_error("name", _("Giv den nye skærm et navn."))
        return data


# Organisation administration -----------------------------------------------------------------


def _one_line(value: str) -> str:
    return " ".join(value.split())


class AMGNameForm(forms.Form):
    name = forms.CharField(label=_("Navn på gruppen"), max_length=200)

    def __init__(
        self, *args: Any, organisation: Organisation, amg: AMG | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.amg = amg

    def clean_name(self) -> str:
        name = _one_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("Giv gruppen et navn."))
        if (
            self.organisation.amgs.filter(name__iexact=name)
            .exclude(pk=self.amg.pk if self.amg else None)
            .exists()
        ):
            raise forms.ValidationError(_("Organisationen har allerede en gruppe med det navn."))
        return name


def _digits(value: str) -> str:
    """A register number as typed ("29 18 98 46"): spaces go, everything else is checked."""
    return "".join(value.split())


class AMGDetailsForm(AMGNameForm):
    """The AMG's name and, for the inspection bundle's cover, its workplace's address and
    P-nummer."""

    address = forms.CharField(
        label=_("Arbejdsstedets adresse"),
        max_length=300,
        required=False,
        help_text=_("Fx Solsikkevej 12, 8000 Aarhus C."),
    )
    p_number = forms.CharField(
        label=_("P-nummer"),
        max_length=20,
        required=False,
        help_text=_("Produktionsenhedens nummer i CVR-registeret: 10 cifre."),
    )

    def clean_address(self) -> str:
        return _one_line(self.cleaned_data["address"])

    def clean_p_number(self) -> str:
        value = _digits(self.cleaned_data["p_number"])
        if value:
            validate_p_number(value)
        return value


class OrganisationDetailsForm(forms.Form):
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=20, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=300, required=False)

    def clean_cvr(self) -> str:
        value = _digits(self.cleaned_data["cvr"])
        if value:
            validate_cvr(value)
        return value

    def clean_address(self) -> str:
        return _one_line(self.cleaned_data["address"])


class TwoFactorRequirementForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Kræv totrinslogin for alle organisationens brugere"), required=False
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices, initial=Role.ANDET)
    read_only = forms.BooleanField(label=_("Kun læseadgang"), required=False)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    read_only = forms.BooleanField(label=_("Kun læseadgang"), required=False)


class NewAccountForm(forms.Form):
    """The invitee's name and password (the e-mail address is the invited one)."""

    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150)
    password1 = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindst 8 tegn, ikke kun tal og ikke en almindelig kode."),
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskoden"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_first_name(self) -> str:
        return _one_line(self.cleaned_data["first_name"])

    def clean_last_name(self) -> str:
        return _one_line(self.cleaned_data["last_name"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("De to adgangskoder er ikke ens."))
        elif one:
            candidate = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(one, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


# Accounts and two-factor login ---------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_first_name(self) -> str:
        return _one_line(self.cleaned_data["first_name"])

    def clean_last_name(self) -> str:
        return _one_line(self.cleaned_data["last_name"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("Den e-mailadresse kan ikke bruges."))
        return email


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Din adgangskode"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Adgangskoden er forkert."))
        return password


# Search ---------------------------------------------------------------------------------------


class SearchForm(forms.Form):
    """The search page's address: ?q=…&slags=…&side=… (a GET form; bad values answer 422)."""

    q = forms.CharField(
        label=_("Søg efter"),
        required=False,
        max_length=search.MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Søgningen må højst være %(limit_value)d tegn (den er %(show_value)d). "
                "Brug færre eller kortere ord."
            )
        },
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    slags = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Den slags findes ikke i søgningen.")},
    )
    side = AsciiIntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={
            "invalid": _("Sidetallet skal være et tal."),
            "min_value": _("Sidetallet skal være 1 eller mere."),
            "max_value": _("Så mange sider er der ikke."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slags"].choices = [("", ""), *((k.key, k.label) for k in search.kinds())]

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if not text:
            return ""
        words = search.words_of(text)
        if not words:
            raise forms.ValidationError(
                _(
                    "Skriv mindst ét ord med bogstaver eller tal. Tegn som & | ! : * og "
                    "anførselstegn søges der ikke efter."
                )
            )
        if len(words) > search.MAX_WORDS:
            raise forms.ValidationError(
                _("Søg efter højst %(limit)d ord ad gangen (du skrev %(count)d).")
                % {"limit": search.MAX_WORDS, "count": len(words)}
            )
        return text

    @property
    def words(self) -> list[str]:
        return search.words_of(self.cleaned_data.get("q", ""))
