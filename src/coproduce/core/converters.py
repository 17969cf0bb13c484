"""The path converter for ids in page addresses: ``<id:pk>``.

Django's ``int`` converter takes any run of digits, and an id past the database's largest
integer then fails inside a lookup the ORM does not guard (a foreign key's), as a 500.
Here such an address matches no route, so it is a 404 like any id that does not exist."""

from coproduce.core.queries import LARGEST_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError("past the largest id")  # Django answers: no route matches
        return number

    def to_url(self, value: int) -> str:
        return str(value)
