"""When two names would look the same on a page: the key a shown name is compared by.

Pages name people by their display name (or their username when they have none), so a
name that looks like another person's lets its holder post as them. Two names have the same
key when they differ only in capitals, in spaces, in punctuation (a full stop after a name,
a hyphen, brackets: read past, as a reader reads past them), in invisible characters
(zero-width spaces and joiners, soft hyphens), in compatibility forms (full-width letters,
ligatures) or in Cyrillic and Greek letters drawn like Latin ones. Letters with accents
stay themselves: "Siân" is not "Sian"; so do digits and symbols."""

import unicodedata

# Cyrillic and Greek letters that a reader takes for Latin ones.
LOOK_ALIKES = str.maketrans(
    {
        **dict.fromkeys("аɑα", "a"),
        **dict.fromkeys("АΑ", "A"),
        **dict.fromkeys("ВΒ", "B"),
        **dict.fromkeys("сϲ", "c"),
        **dict.fromkeys("СϹ", "C"),
        "ԁ": "d",
        **dict.fromkeys("еє", "e"),
        **dict.fromkeys("ЕΕ", "E"),
        "ɡ": "g",
        "һ": "h",
        **dict.fromkeys("НΗ", "H"),
        **dict.fromkeys("іιı", "i"),
        **dict.fromkeys("ІΙӀ", "I"),
        "ј": "j",
        "Ј": "J",
        "κ": "k",
        **dict.fromkeys("КΚ", "K"),
        "ӏ": "l",
        **dict.fromkeys("МΜ", "M"),
        "Ν": "N",
        **dict.fromkeys("оοσ", "o"),
        **dict.fromkeys("ОΟ", "O"),
        **dict.fromkeys("рρ", "p"),
        **dict.fromkeys("РΡ", "P"),
        "ԛ": "q",
        "ѕ": "s",
        "Ѕ": "S",
        "τ": "t",
        **dict.fromkeys("ТΤ", "T"),
        "υ": "u",
        "ν": "v",
        "ԝ": "w",
        **dict.fromkeys("хχ", "x"),
        **dict.fromkeys("ХΧ", "X"),
        "у": "y",
        **dict.fromkeys("УΥ", "Y"),
        "Ζ": "Z",
    }
)


def name_key(name: str) -> str:
    """``name`` as a reader would take it, for comparing with others' (see above)."""
    text = unicodedata.normalize("NFKC", name).translate(LOOK_ALIKES).casefold()
    # read past: format characters (invisible), punctuation (P…) and spaces (Z…, and the
    # control characters that are whitespace)
    return "".join(
        character
        for character in text
        if unicodedata.category(character)[0] not in "PZ"
        and unicodedata.category(character) != "Cf"
        and not character.isspace()
    )
